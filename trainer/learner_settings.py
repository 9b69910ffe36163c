"""Per-learner settings: what they are, their words, and how they are applied.

They are kept with the learner (``learners.settings``, JSON) and applied
when the learner is chosen (:func:`apply`); back on the learner screen the
device's defaults come back (``apply(app, None)``).  Colours and text size
become the app's theme (``app.theme``, :func:`theme_of`), which every
screen is given when it draws.

==================== ===================================== ============
key                  values                                 default
==================== ===================================== ============
text_size            "normal", "grand", "tres_grand"        "normal"
high_contrast        true / false                           false
pointer_size         "normal", "grand", "tres_grand"        "normal"
sound                true / false                           true
double_click_delay   seconds (0.6, 0.8, 1.2, 1.6)           0.8
target_size          "petite", "moyenne", "grande"          "moyenne"
left_handed          true / false (mouse buttons swapped)   false
keyboard_layout      "azerty", "qwerty", "qwertz"           the device's
speak                true / false (instructions read aloud) false
start                {"level": n} or {"lesson": id}         none
==================== ===================================== ============
"""
from __future__ import annotations

from dataclasses import dataclass

from . import i18n
from .ui.theme import Theme

TEXT_SCALES = {"normal": 1.0, "grand": 1.25, "tres_grand": 1.5}
TARGET_SCALES = {"petite": 0.75, "moyenne": 1.0, "grande": 1.35}
POINTER_SCALES = {"normal": 1.0, "grand": 1.5, "tres_grand": 2.2}  # the arrow: 4.5 %, 6.8 %, 10 % of the height


@dataclass(frozen=True)
class Setting:
    key: str
    label: str  # message id of its name on the settings screen ("settings.text_size")
    choices: tuple  # ((value, message id of its words), ...); the value None removes the key (the default)


_YES_NO = ((False, "common.no"), (True, "common.yes"))
SETTINGS = [
    Setting("text_size", "settings.text_size",
            (("normal", "settings.text_size.normal"), ("grand", "settings.text_size.grand"),
             ("tres_grand", "settings.text_size.tres_grand"))),
    Setting("high_contrast", "settings.high_contrast", _YES_NO),
    Setting("pointer_size", "settings.pointer_size",
            (("normal", "settings.pointer_size.normal"), ("grand", "settings.pointer_size.grand"),
             ("tres_grand", "settings.pointer_size.tres_grand"))),
    Setting("sound", "settings.sound", ((True, "common.yes"), (False, "common.no"))),
    Setting("double_click_delay", "settings.double_click_delay",
            ((0.6, "settings.double_click_delay.fast"), (0.8, "settings.double_click_delay.normal"),
             (1.2, "settings.double_click_delay.slow"), (1.6, "settings.double_click_delay.very_slow"))),
    Setting("target_size", "settings.target_size",
            (("petite", "settings.target_size.petite"), ("moyenne", "settings.target_size.moyenne"),
             ("grande", "settings.target_size.grande"))),
    Setting("left_handed", "settings.left_handed", _YES_NO),
    Setting("keyboard_layout", "settings.keyboard_layout",
            ((None, "settings.keyboard_layout.device"), ("azerty", "settings.keyboard_layout.azerty"),
             ("azerty-be", "settings.keyboard_layout.azerty-be"), ("qwertz-ch", "settings.keyboard_layout.qwertz-ch"),
             ("qwerty-ca", "settings.keyboard_layout.qwerty-ca"),
             ("azerty-afnor", "settings.keyboard_layout.azerty-afnor"),
             ("qwerty", "settings.keyboard_layout.qwerty"), ("qwertz", "settings.keyboard_layout.qwertz"))),
    Setting("speak", "settings.speak", _YES_NO),
]
BY_KEY = {s.key: s for s in SETTINGS}
DEFAULTS = {"text_size": "normal", "high_contrast": False, "pointer_size": "normal", "sound": True, "double_click_delay": 0.8,
            "target_size": "moyenne", "left_handed": False, "keyboard_layout": None, "speak": False}


def value_of(settings: dict, key: str):
    """The learner's value for ``key`` (the default when absent or odd)."""
    value = settings.get(key, DEFAULTS.get(key)) if isinstance(settings, dict) else DEFAULTS.get(key)
    setting = BY_KEY.get(key)
    if setting is not None and key != "double_click_delay" and value not in [v for v, _ in setting.choices]:
        return DEFAULTS.get(key)
    return value


def words_of(settings: dict, key: str, tr=None) -> str:
    """The current value in words, for the facilitator (in ``tr``'s language, French by default)."""
    tr = tr or i18n.french()
    value = value_of(settings, key)
    setting = BY_KEY[key]
    if key == "double_click_delay":  # the nearest of the choices
        try:
            value = min((v for v, _ in setting.choices), key=lambda v: abs(v - float(value)))
        except (TypeError, ValueError):
            value = DEFAULTS[key]
    words = dict(setting.choices).get(value)
    return tr.t(words) if words else str(value)


def text_scale(settings) -> float:
    return TEXT_SCALES.get(value_of(settings or {}, "text_size"), 1.0)


def target_scale(settings) -> float:
    return TARGET_SCALES.get(value_of(settings or {}, "target_size"), 1.0)


def theme_of(settings):
    """The :class:`~trainer.ui.theme.Theme` a learner's settings ask for (None
    or {}: the device's defaults): « Couleurs très contrastées » and « Taille
    du texte » (normal, grand, très grand)."""
    palette = "high_contrast" if value_of(settings or {}, "high_contrast") else "normal"
    return Theme.of(palette, text_scale(settings))


def apply(app, learner) -> None:
    """Make the program look and behave as ``learner`` needs (None: the defaults)."""
    from .ui import text  # (pygame: the export and the store read this module without it)
    from .ui.cursor import use_big_arrow  # (the same)

    settings = learner.settings if learner is not None else {}
    theme = theme_of(settings)
    pointer = POINTER_SCALES[value_of(settings, "pointer_size")]
    if theme != app.theme:  # everything is drawn again, in the new colours and sizes
        app.theme = theme
        text.forget_rendered()  # (text rendered in the old ones would only take room)
        app.dirty = app.repaint = True
    if (theme, pointer) != getattr(app, "pointer", None):
        use_big_arrow(app.size[1], theme, pointer)
        app.pointer = (theme, pointer)
    app.sounds.enabled = bool(value_of(settings, "sound"))
    app.normalizer.swap_buttons = bool(value_of(settings, "left_handed"))
    app.normalizer.double_click_delay = app.double_click_delay(learner) if learner is not None \
        else DEFAULTS["double_click_delay"]
    app.speech.enabled = bool(value_of(settings, "speak"))
    if not app.speech.enabled:
        app.speech.stop()
