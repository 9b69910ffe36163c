"""Drawing: theme, cached text, buttons, sounds and the activity shapes."""
