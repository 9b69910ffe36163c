"""The screens: who practises, a new person, the lesson menu, the player, the end."""
