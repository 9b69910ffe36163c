"""Settings shared by several step kinds, as parts of the lesson JSON Schema.

Each step kind module declares ``SETTINGS``: JSON Schema properties with a
French ``description`` (shown by text editors) and a ``default``.  The whole
lesson schema is built from them (:mod:`trainer.lesson.schema`).
"""
from ..i18n import Message


IMAGE = {
    "type": "string",
    "format": "lesson-image",
    "maxLength": 200,
    "description": "Image (PNG ou JPEG) rangée dans le dossier des leçons, "
                   "par exemple « images/pomme.png ».",
}

COUNT = {
    "type": "integer", "minimum": 1, "maximum": 30, "default": 3,
    "description": "Combien de fois il faut réussir avant de passer à l'étape suivante.",
}

SIZE = {
    "type": "number", "minimum": 0.03, "maximum": 0.5, "default": 0.15,
    "description": "Taille de départ de la cible, en fraction de la hauteur de l'écran "
                   "(0.15 = 15 %, une grande cible pour débuter).",
}

MIN_SIZE = {
    "type": "number", "minimum": 0.03, "maximum": 0.5, "default": 0.08,
    "description": "La cible rapetisse après chaque réussite, sans descendre sous cette taille "
                   "(ni sous 0.08, 8 % de la hauteur de l'écran, quoi qu'on écrive ici).",
}

POSITIONS = {
    "type": "array", "maxItems": 30,
    "description": "Places des cibles, l'une après l'autre : [x, y] de 0 à 1 dans la zone "
                   "de jeu ([0.5, 0.5] = au milieu). Sans cette liste, les places sont tirées au hasard.",
    "items": {
        "type": "array", "minItems": 2, "maxItems": 2,
        "items": {"type": "number", "minimum": 0, "maximum": 1},
    },
}

LABEL = {
    "type": "string", "maxLength": 40,
    "description": "Un mot court écrit sur la cible.",
}

HINT_AFTER = {
    "type": "integer", "minimum": 1, "maximum": 10, "default": 2,
    "description": "Après combien d'essais manqués de suite l'astuce s'affiche.",
}

TARGET_SETTINGS = {
    "count": COUNT,
    "size": SIZE,
    "min_size": MIN_SIZE,
    "positions": POSITIONS,
    "label": LABEL,
    "image": IMAGE,
    "hint_after": HINT_AFTER,
}


def check_sizes(settings: dict) -> list[tuple[str, str]]:
    """min_size must not be larger than size."""
    size, minimum = settings.get("size"), settings.get("min_size")
    if isinstance(size, (int, float)) and isinstance(minimum, (int, float)) and minimum > size:
        return [("min_size", Message("lesson.check.min_size", minimum=minimum, size=size))]
    return []
