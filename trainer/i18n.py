"""The interface language: French by default, English as a second language.

Every text of the interface has a stable message id (« practice.bin »)
and lives in a gettext catalogue, ``trainer/locale/<language>.po``, that a
translator opens in Poedit or Weblate:

- the id is the entry's ``msgctxt`` and its French text the ``msgid``
  (bilingual gettext with ids as contexts).  A translator sees the French
  next to the translation; when the French of a message changes, its
  translation no longer matches and ``msgmerge`` marks it « fuzzy »: an
  outdated translation is never shown.  Code asks by id only, so rewording
  the French never touches the code;
- ``fr.po`` is the source: its ``msgstr`` are the French texts again, so
  that French plurals come from its ``Plural-Forms`` (``n > 1``: « 0 leçon »,
  « 2 leçons ») like any other language's; ``messages.pot`` is the template
  for a new language;
- plurals are ``msgid_plural`` / ``msgstr[n]`` entries, asked with
  :meth:`Translator.n`; placeholders are Python's ``{name}``
  (``python-brace-format``, checked by Poedit and Weblate).

The catalogues are compiled to ``.mo`` files, shipped beside the ``.po``
and loaded with the standard :class:`gettext.GNUTranslations` (no parsing
at start-up; Poedit writes the ``.mo`` when it saves; ``python -m
trainer.catalogues`` compiles them all and a test checks every ``.mo``
matches its ``.po``).

The language is held by whoever shows text: the app owns a
:class:`Translator` (``app.t(msg_id, **values)``), the command line makes
its own.  Lessons carry their own texts in each language (``title_en``…,
:meth:`trainer.lesson.Lesson.text`), not in these catalogues.

Device setting ``language``: "fr" (default) or "en".
"""
from __future__ import annotations

import gettext
import os
import re
from pathlib import Path

LANGUAGES = {"fr": "Français", "en": "English"}
DEFAULT = "fr"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

_loaded: dict[str, gettext.GNUTranslations] = {}
_ids: dict[str, tuple[str, ...]] = {}  # message id -> its French text (singular, plural)


def _catalogue(language: str) -> gettext.GNUTranslations:
    found = _loaded.get(language)
    if found is None:
        with open(LOCALE_DIR / f"{language}.mo", "rb") as f:
            found = gettext.GNUTranslations(f)
        _loaded[language] = found
    return found


def _source_ids() -> dict[str, tuple[str, ...]]:
    """Every message id and its French text (singular, and plural if any),
    from the source catalogue."""
    if not _ids:
        for key, value in _catalogue(DEFAULT)._catalog.items():  # noqa: SLF001 - read once, never changed
            original, index = key if isinstance(key, tuple) else (key, None)
            if "\x04" not in original:
                continue  # the header
            msg_id, msgid = original.split("\x04", 1)
            if index is None:
                _ids[msg_id] = (msgid,)
            else:
                forms = list(_ids.get(msg_id, (msgid, msgid)))
                if index == 1:
                    forms[1] = value
                _ids[msg_id] = tuple(forms)
    return _ids


def known(language) -> str:
    """``language`` when the interface has it, else the default (French)."""
    return language if language in LANGUAGES else DEFAULT


def system_language(environ=None) -> str:
    """The language the device's settings ask for (``LANGUAGE``, ``LC_ALL``,
    ``LC_MESSAGES``, ``LANG``, in gettext's order), when the interface has it;
    else French."""
    environ = os.environ if environ is None else environ
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name)
        if not value:
            continue
        for part in value.split(":"):
            code = part.split(".")[0].split("_")[0].split("-")[0].lower()
            if code in LANGUAGES:
                return code
            if code in ("c", "posix"):
                break
        return DEFAULT  # the first variable set decides, as gettext does
    return DEFAULT


class Translator:
    """The interface's texts in one language, by message id.

        tr = Translator("en")
        tr.t("keyboard.you_typed", what="é")   # "You typed “é”."
        tr.n("common.lessons", 3)              # "3 lessons" ({n} is the count)

    A message missing from the language's catalogue is shown in French; an id
    missing from the French catalogue too is shown as itself (a mistake in the
    program, caught by the tests, never a crash).
    """

    def __init__(self, language: str = DEFAULT):
        self.language = known(language)
        self._own = _catalogue(self.language)

    def __repr__(self) -> str:
        return f"Translator({self.language!r})"

    def has(self, msg_id: str) -> bool:
        return msg_id in _source_ids()

    def t(self, msg_id: str, **values) -> str:
        """The message ``msg_id``, its ``{placeholders}`` filled with ``values``."""
        french = _source_ids().get(msg_id)
        if french is None:
            return msg_id
        return self._fill(self._own.pgettext(msg_id, french[0]), values, french[0])

    def n(self, msg_id: str, count: int, **values) -> str:
        """The plural message ``msg_id`` for ``count`` (the catalogue's own
        plural rule; ``{n}`` is the count)."""
        french = _source_ids().get(msg_id)
        if french is None:
            return msg_id
        singular, plural = (french * 2)[:2]
        values.setdefault("n", count)
        own = self._own if (f"{msg_id}\x04{singular}", 0) in self._own._catalog else _catalogue(DEFAULT)  # noqa: SLF001
        text = own.npgettext(msg_id, singular, plural, count)  # not translated: French, with its plural rule
        return self._fill(text, values, text)

    def decimal(self, value: float, places: int = 1) -> str:
        """A number with its decimals as the language writes them: « 0,7 » in
        French, « 0.7 » in English."""
        written = f"{value:.{places}f}"
        return written.replace(".", self.t("number.decimal_point"))

    @staticmethod
    def _fill(text: str, values: dict, fallback: str) -> str:
        if not values:
            return text
        try:
            return text.format(**values)
        except (KeyError, IndexError, ValueError):  # a translation with a broken placeholder
            try:
                return fallback.format(**values)
            except (KeyError, IndexError, ValueError):
                return text


_translators: dict[str, Translator] = {}


def translator(language: str = DEFAULT) -> Translator:
    """The shared translator of a language (a translator holds no state)."""
    language = known(language)
    if language not in _translators:
        _translators[language] = Translator(language)
    return _translators[language]


def french() -> Translator:
    return translator(DEFAULT)


# -- the former catalogue, keyed by French text (being replaced by the .po files) --

CATALOGUE: dict[str, dict[str, str]] = {"en": {
    # learners, lesson menu, player, results, dialogs
    "Qui s'entraîne aujourd'hui ?": "Who is practising today?",
    "Invité": "Guest",
    "Ajouter une personne": "Add a person",
    "Quitter": "Quit",
    "Précédents": "Previous",
    "Suivants": "Next",
    "Retour": "Back",
    "Annuler": "Cancel",
    "Enregistrer": "Save",
    "Effacer": "Erase",
    "Espace": "Space",
    "Oui": "Yes",
    "Non": "No",
    "D'accord": "OK",
    "Nouvelle": "New",
    "Commencée": "Started",
    "Terminée": "Done",
    "Niveau {n}": "Level {n}",
    "À corriger ({n})": "To fix ({n})",
    "Ne peut pas être ouverte": "Cannot be opened",
    "Ce fichier ne peut pas être lu.": "This file cannot be read.",
    "Cette leçon ne peut pas être ouverte": "This lesson cannot be opened",
    "Bonjour {name} ! Choisissez une leçon": "Hello {name}! Choose a lesson",
    "Aucune leçon n'a été trouvée. Demandez à l'animatrice.": "No lesson was found. Ask the facilitator.",
    "Bravo !": "Well done!",
    "Très bien !": "Very good!",
    "C'est réussi !": "You did it!",
    "Parfait !": "Perfect!",
    "Bien joué !": "Nicely done!",
    "Étape {i} sur {n}": "Step {i} of {n}",
    "Astuce : {hint}": "Tip: {hint}",
    "Arrêter cette leçon ?": "Stop this lesson?",
    "Ce que vous avez déjà réussi est gardé. Vous pourrez la reprendre plus tard.":
        "What you have done is kept. You can come back to it later.",
    "Bravo, {name} !": "Well done, {name}!",
    "Leçon terminée : {title}": "Lesson finished: {title}",
    "Vous avez fait tous les exercices de cette leçon.": "You have done every exercise of this lesson.",
    "Vous avez réussi les {n} étapes ({hits} réussites).": "You completed the {n} steps ({hits} successes).",
    "Vous avez réussi l'exercice.": "You completed the exercise.",
    "À la fin, vous visiez des cibles deux fois plus petites qu'au début.":
        "By the end, you were aiming at targets half the size of the first ones.",
    "À la fin, vous visiez des cibles trois fois plus petites qu'au début.":
        "By the end, you were aiming at targets a third of the size of the first ones.",
    "Leçons": "Lessons",
    "Recommencer": "Start again",
    "Leçon suivante": "Next lesson",
    "Retour aux leçons": "Back to the lessons",
    "Nouvelle personne": "New person",
    "Prénom :": "First name:",
    "Écrivez d'abord un prénom.": "Write a first name first.",
    "{name} existe déjà : ajoutez l'initiale du nom (« {name2} D. »).":
        "{name} already exists: add the initial of the surname (“{name2} D.”).",
    "Quitter Pas à pas ?": "Quit Pas à pas?",
    "Tout ce qui a été fait est enregistré.": "Everything done is saved.",
    "Le fichier des progrès était abîmé": "The progress file was damaged",
    "Un petit souci": "A small problem",
    "Le programme a eu un problème, mais rien n'est perdu. On reprend au menu.":
        "The program had a problem, but nothing is lost. Back to the menu.",
    "Mes progrès": "My progress",
    "Continuer : {title}": "Continue: {title}",
    "Continuer : {title} (étape {n})": "Continue: {title} (step {n})",
    "À reprendre : étape {n}": "To resume: step {n}",
    "Les progrès de {name}": "{name}'s progress",
    "Niveau {n} : {i} sur {k}": "Level {n}: {i} of {k}",
    "Annulations et rétablissements": "Undo and redo",
    "Ce que vous avez su défaire.": "What you were able to undo.",
    "Erreurs par cible": "Mistakes per target",
    "Lettres tapées par minute": "Letters typed per minute",
    "Secondes pour atteindre une cible": "Seconds to reach a target",
    "Pas encore de mesure": "No measure yet",
    "Plus la barre est basse, mieux c'est.": "The lower the bar, the better.",
    "Plus la barre est haute, mieux c'est.": "The higher the bar, the better.",
    "Votre première leçon vous attend.": "Your first lesson is waiting for you.",
    "Vous avez terminé votre première leçon. Bravo !": "You finished your first lesson. Well done!",
    "Vous avez terminé {n} leçons. Bravo !": "You finished {n} lessons. Well done!",
    "Vous avez déjà réussi {n} exercices.": "You have already completed {n} exercises.",
    "Vous avez déjà réussi 1 exercice.": "You have already completed 1 exercise.",
    "Vous savez annuler une erreur : rien n'est jamais perdu.": "You know how to undo a mistake: nothing is ever lost.",
    "Vous vous trompez deux fois moins souvent qu'à la première séance.":
        "You make half as many mistakes as in the first session.",
    # default hints of the step kinds
    "Placez la flèche sur le rond, puis appuyez une fois sur le bouton gauche de la souris.":
        "Put the arrow on the circle, then press the left mouse button once.",
    "Touchez le rond avec un doigt, puis levez le doigt.": "Touch the circle with one finger, then lift it.",
    "Cliquez deux fois de suite, rapidement, sans bouger la souris entre les deux clics.":
        "Click twice in a row, quickly, without moving the mouse between the clicks.",
    "Touchez deux fois de suite, rapidement, au même endroit.": "Touch twice in a row, quickly, at the same place.",
    "Appuyez sur l'objet et gardez le bouton enfoncé, déplacez la souris jusqu'au cadre, puis relâchez le bouton.":
        "Press on the object and keep the button down, move the mouse to the frame, then let go.",
    "Posez le doigt sur l'objet, faites-le glisser jusqu'au cadre sans lever le doigt, puis levez le doigt.":
        "Put your finger on the object, slide it to the frame without lifting it, then lift your finger.",
    "Faites glisser la souris sur la table, doucement, jusqu'à ce que la flèche soit sur le rond.":
        "Slide the mouse on the table, gently, until the arrow is on the circle.",
    "Posez un doigt sur le rond.": "Put a finger on the circle.",
    "Placez la flèche sur le rond et appuyez sur le bouton droit de la souris, celui de droite.":
        "Put the arrow on the circle and press the right mouse button, the one on the right.",
    "Posez le doigt sur le rond et gardez-le appuyé sans bouger, jusqu'à ce que quelque chose change.":
        "Put your finger on the circle and keep it there without moving, until something changes.",
    "Cliquez sur « {x} » dans le menu.": "Click “{x}” in the menu.",
    "Touchez « {x} » dans le menu.": "Touch “{x}” in the menu.",
    "Tournez la molette de la souris (la petite roue entre les deux boutons) vers vous pour faire descendre la page.":
        "Turn the mouse wheel (the small wheel between the buttons) towards you to move the page down.",
    "Posez le doigt sur la page et faites-le glisser vers le haut pour faire descendre la page.":
        "Put your finger on the page and slide it up to move the page down.",
    "Cliquez sur « {x} ».": "Click “{x}”.",
    "Touchez « {x} ».": "Touch “{x}”.",
    "Cherchez la touche allumée sur le clavier dessiné, puis la même sur votre clavier.":
        "Find the lit key on the drawn keyboard, then the same one on your keyboard.",
    "Cherchez la touche allumée sur le clavier dessiné, et touchez-la.":
        "Find the lit key on the drawn keyboard, and touch it.",
    "Regardez la touche allumée sur le clavier dessiné : c'est celle qu'il faut maintenant.":
        "Look at the lit key on the drawn keyboard: that is the one to press now.",
    "Regardez la touche allumée sur le clavier dessiné, et touchez-la.":
        "Look at the lit key on the drawn keyboard, and touch it.",
    "Appuyez sur la touche Entrée pour valider.": "Press the Enter key to confirm.",
    "Appuyez sur Entrée pour valider.": "Press Enter to confirm.",
    "Appuyez sur Entrée.": "Press Enter.",
    "Pour une majuscule, touchez Maj, puis la lettre.": "For a capital letter, touch Shift, then the letter.",
    "Pour une majuscule, gardez la touche Maj enfoncée et appuyez sur la lettre.":
        "For a capital letter, hold the Shift key down and press the letter.",
    "Il y a une erreur avant le curseur : appuyez sur Retour arrière pour l'effacer.":
        "There is a mistake before the cursor: press Backspace to erase it.",
    "Il y a une erreur juste après le curseur : appuyez sur Suppr pour l'effacer.":
        "There is a mistake just after the cursor: press Delete to erase it.",
    "Déplacez le curseur avec la flèche droite jusqu'à l'erreur.":
        "Move the cursor with the right arrow up to the mistake.",
    "Appuyez sur Fin pour mettre le curseur au bout du texte.": "Press End to put the cursor at the end of the text.",
    "Vous avez tapé « {x} ».": "You typed “{x}”.",
    "Vous avez appuyé sur « {x} ».": "You pressed “{x}”.",
    "À écrire : {x}": "To write: {x}",
    "{i} sur {n}": "{i} of {n}",
    # the facilitator's screens
    "Mode animatrice": "Facilitator mode",
    "Prénom et couleur": "First name and colour",
    "Verrouiller l'appareil": "Lock this device",
    "Pas verrouillé": "Not locked",
    "Niveau {n} seulement": "Level {n} only",
    "{n} leçons choisies": "{n} lessons chosen",
    "1 leçon choisie": "1 lesson chosen",
    "Dossiers de leçons": "Lesson folders",
    "{n} dossier utilisé": "{n} folder in use",
    "{n} dossiers utilisés": "{n} folders in use",
    "Code d'accès": "Access code",
    "Code à 4 chiffres": "4-digit code",
    "Pas de code": "No code",
    "Langue : {x}": "Language: {x}",
    "Personne pour l'instant. Touchez « Ajouter une personne ».": "Nobody yet. Touch “Add a person”.",
    "Dernière leçon : {title}": "Last lesson: {title}",
    "Pas encore commencé": "Not started yet",
    "Aucune leçon terminée": "No lesson finished",
    "1 leçon terminée": "1 lesson finished",
    "{n} leçons terminées": "{n} lessons finished",
    "aucune leçon": "no lesson",
    "1 leçon": "1 lesson",
    "{n} leçons": "{n} lessons",
    "À aider": "Needs help",
    "Renommer {name}": "Rename {name}",
    "Réglages de {name}": "{name}'s settings",
    "Progrès de {name}": "{name}'s progress",
    "Leçons terminées et graphiques": "Lessons done and charts",
    "Clé USB": "USB stick",
    "Exporter les progrès, importer ceux d'un appareil prêté": "Export progress, import a loaned device's",
    "Enregistrer sur la clé": "Save to the stick",
    "Reprendre depuis la clé": "Bring back from the stick",
    "Exporter sur {x}": "Export to {x}",
    "Progrès de tous, tableur et rapport": "Everyone's progress, spreadsheet and report",
    "Importer {x}": "Import {x}",
    "Depuis {x}": "From {x}",
    "Chercher à nouveau": "Look again",
    "Aucune clé USB trouvée. Branchez la clé, attendez un instant, puis touchez « Chercher à nouveau ».":
        "No USB stick found. Plug the stick in, wait a moment, then touch “Look again”.",
    "Pas de fichier de progrès sur la clé (« pas-a-pas-progres….json »).":
        "No progress file on the stick (“pas-a-pas-progres….json”).",
    "Export en cours… ne retirez pas la clé.": "Exporting… do not remove the stick.",
    "Import en cours… ne retirez pas la clé.": "Importing… do not remove the stick.",
    "Export terminé": "Export done",
    "Import terminé": "Import done",
    "L'export n'a pas pu se faire": "The export could not be done",
    "Ce fichier n'a pas pu être importé": "This file could not be imported",
    "Réglages habituels": "Usual settings",
    "Où commencer": "Where to start",
    "Là où elle ou il en est": "Where they left off",
    "Leçon « {title} »": "Lesson “{title}”",
    "Prêter l'appareil à {name} (mode maison)": "Lend the device to {name} (home mode)",
    "Oui : l'appareil s'ouvre sur cette personne": "Yes: the device opens on this person",
    "Renommer": "Rename",
    "Changer le prénom ou la couleur": "Change the first name or the colour",
    "Supprimer {name}": "Delete {name}",
    "Définitif : une question est posée avant": "For good: you will be asked first",
    "Supprimer {name} et tout ce qui la concerne ? C'est définitif.":
        "Delete {name} and everything about them? This is for good.",
    "Ses leçons et ses progrès seront effacés de cet appareil.":
        "Their lessons and progress will be erased from this device.",
    "Dernière leçon ouverte :": "Last lesson opened:",
    "aucune pour l'instant": "none yet",
    "Sur les {n} dernières étapes : en moyenne {m} essai(s) manqué(s) et {k} astuce(s) par étape":
        "Over the last {n} steps: on average {m} miss(es) and {k} tip(s) per step",
    "À aider : beaucoup d'essais manqués ou d'astuces ces derniers temps":
        "Needs help: many misses or tips lately",
    "Taille du texte": "Text size",
    "Normal": "Normal",
    "Grand": "Large",
    "Très grand": "Very large",
    "Couleurs très contrastées": "High-contrast colours",
    "Sons": "Sounds",
    "Double-clic": "Double click",
    "Rapide": "Fast",
    "Lent": "Slow",
    "Très lent": "Very slow",
    "Taille des cibles au départ": "Starting target size",
    "Petite": "Small",
    "Moyenne": "Medium",
    "Grande": "Large",
    "Souris pour gaucher": "Left-handed mouse",
    "Clavier dessiné": "Keyboard shown",
    "Lire les consignes à voix haute": "Read instructions aloud",
    "Pas de voix sur cet appareil": "No voice on this device",
    "Choisissez un code à 4 chiffres": "Choose a 4-digit code",
    "Tapez le même code une deuxième fois": "Type the same code again",
    "Code de l'animatrice": "Facilitator's code",
    "Il protège le mode animatrice. Pour ne pas en mettre : « {x} ».":
        "It protects the facilitator mode. To have none: “{x}”.",
    "{n} réglages changés": "{n} settings changed",
    "Passer": "Skip",
    "Sans code": "No code",
    "Pour être sûr de ne pas s'être trompé.": "To be sure there is no mistake.",
    "Tapez les 4 chiffres.": "Type the 4 digits.",
    "Ce n'est pas le bon code. Essayez encore.": "That is not the right code. Try again.",
    "Les deux codes sont différents. Choisissez-le à nouveau.": "The two codes differ. Choose it again.",
    "Verrouiller l'appareil pour l'atelier": "Lock this device for the workshop",
    "Maintenant : {x}. Touchez une leçon pour la cocher.": "Now: {x}. Touch a lesson to tick it.",
    "toutes les leçons sont proposées": "every lesson is offered",
    "Seulement le niveau {n}": "Only level {n}",
    "Seulement les leçons cochées ({n})": "Only the ticked lessons ({n})",
    "Déverrouiller": "Unlock",
    "Cochée": "Ticked",
    "Pas cochée": "Not ticked",
    "Aucune leçon dans les dossiers utilisés.": "No lesson in the folders in use.",
    "Où {name} commence": "Where {name} starts",
    "Maintenant : la leçon « {title} »": "Now: the lesson “{title}”",
    "Maintenant : le niveau {n}": "Now: level {n}",
    "Maintenant : là où elle ou il en est": "Now: where they left off",
    "Au niveau {n}": "At level {n}",
    "Comme d'habitude": "As usual",
    "Elle ou il commence ici": "They start here",
    "Leçons fournies avec le programme": "Lessons that come with the program",
    "Vos leçons sur cet appareil": "Your lessons on this device",
    "Dossier {x}": "Folder {x}",
    "Clé USB {x}": "USB stick {x}",
    "Utilisé · {x}": "In use · {x}",
    "Pas utilisé · {x}": "Not in use · {x}",
    "Touchez un dossier pour l'utiliser ou non. Vos propres leçons : dans le dossier « lecons » d'une clé USB, "
    "ou dans {x}.": "Touch a folder to use it or not. Your own lessons: in a “lecons” folder on a USB stick, "
                   "or in {x}.",
}}

#: placeholders that stand for a number: they match figures only (« {i} sur {n} »
#: must not turn « Cliquer sur des images » into English)
NUMBERS = {"n", "i", "k", "m", "hits"}
language = DEFAULT
_lesson_texts: dict[str, dict[str, str]] = {"en": {}}
_memo: dict[str, str] = {}
_patterns: dict[str, list] = {}


def decimal(value: float, places: int = 1) -> str:
    """A number with its decimals as the interface language writes them:
    « 0,7 » in French, « 0.7 » in English."""
    written = f"{value:.{places}f}"
    return written.replace(".", ",") if language == "fr" else written


def set_language(code) -> bool:
    """Use ``code`` ("fr" or "en"); True when it changed."""
    global language
    code = code if code in LANGUAGES else DEFAULT
    changed = code != language
    language = code
    _memo.clear()
    return changed


def _compiled(lang: str) -> list:
    if lang not in _patterns:
        found = []
        for french, other in CATALOGUE.get(lang, {}).items():
            if "{" in french:
                names = re.findall(r"\{(\w+)\}", french)
                regex = re.escape(french)
                for name in names:
                    part = r"\d+(?:[.,]\d+)?" if name in NUMBERS else ".+?"
                    regex = regex.replace(re.escape("{" + name + "}"), f"(?P<{name}>{part})", 1)
                found.append((re.compile("^" + regex + "$", re.DOTALL), other))
        found.sort(key=lambda p: -len(p[0].pattern))  # the most specific first
        _patterns[lang] = found
    return _patterns[lang]


def tr(text: str) -> str:
    """``text`` in the interface language (itself when there is no translation)."""
    if language == DEFAULT or not text:
        return text
    hit = _memo.get(text)
    if hit is not None:
        return hit
    result = _translate(text, language, 0)
    if len(_memo) > 5000:
        _memo.clear()
    _memo[text] = result
    return result


def _translate(text: str, lang: str, depth: int) -> str:
    own = _lesson_texts.get(lang, {}).get(text)
    if own is not None:
        return own
    words = CATALOGUE.get(lang, {}).get(text)
    if words is not None and "{" not in text:
        return words
    if depth < 3:
        for regex, other in _compiled(lang):
            m = regex.match(text)
            if m:
                parts = {k: _translate(v, lang, depth + 1) for k, v in m.groupdict().items()}
                return other.format(**parts)
    return text


# -- lessons ---------------------------------------------------------------
_TOUCH_EN = [(re.compile(r"\bDouble-click\b"), "Double-tap"), (re.compile(r"\bdouble-click\b"), "double-tap"),
             (re.compile(r"\bRight-click\b"), "Press and hold"), (re.compile(r"\bright-click\b"), "press and hold"),
             (re.compile(r"\bClick\b"), "Tap"), (re.compile(r"\bclick\b"), "tap")]


def touch_wording_en(text: str) -> str:
    """« Click » becomes « Tap » (the English touch wording)."""
    for pattern, replacement in _TOUCH_EN:
        text = pattern.sub(replacement, text)
    return text


def register_lessons(lessons) -> None:
    """Add the translations the lessons carry (``title_en``…) to the catalogue."""
    for lesson in lessons:
        for lang, fields in (getattr(lesson, "translations", None) or {}).items():
            table = _lesson_texts.setdefault(lang, {})
            pairs = [(lesson.title, fields.get("title")), (lesson.intro, fields.get("intro")),
                     (lesson.learned, fields.get("learned")),
                     (lesson.touch_intro, fields.get("touch_intro") or _touch(lang, fields.get("intro"))),
                     (lesson.touch_learned, fields.get("touch_learned") or _touch(lang, fields.get("learned")))]
            for step in lesson.steps:
                own = (getattr(step, "translations", None) or {}).get(lang, {})
                pairs += [(step.instruction, own.get("instruction")), (step.hint, own.get("hint")),
                          (step.touch_instruction,
                           own.get("touch_instruction") or _touch(lang, own.get("instruction"))),
                          (step.touch_hint, own.get("touch_hint") or _touch(lang, own.get("hint")))]
            for french, other in pairs:
                if french and other:
                    table.setdefault(french, other)
        for step in lesson.steps:  # a lesson may translate only its steps
            for lang, own in (getattr(step, "translations", None) or {}).items():
                if getattr(lesson, "translations", None) and lang in lesson.translations:
                    continue
                table = _lesson_texts.setdefault(lang, {})
                for french, other in ((step.instruction, own.get("instruction")), (step.hint, own.get("hint")),
                                      (step.touch_instruction, own.get("touch_instruction")
                                       or _touch(lang, own.get("instruction"))),
                                      (step.touch_hint, own.get("touch_hint") or _touch(lang, own.get("hint")))):
                    if french and other:
                        table.setdefault(french, other)
    _memo.clear()


def _touch(lang: str, text):
    if not text:
        return None
    return touch_wording_en(text) if lang == "en" else text
