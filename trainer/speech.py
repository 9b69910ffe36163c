"""Instructions read aloud, with the device's own offline voice.

The first door that works is used: pyttsx3 (the optional extra
``pip install "pas-a-pas[voice]"``: the voices of Windows, macOS and
espeak), else the ``espeak-ng``, ``espeak``, ``spd-say`` or ``say``
commands, else nothing, silently.  Speaking happens in a background thread
(pyttsx3 is even imported there), so a frame never waits for a voice, and
a voice that fails is simply quiet: it never stops a lesson.

Each text is read with a voice of its own language (:meth:`Speech.say`'s
``language``): a lesson's French instruction with a French voice, its
English one with an English voice, whatever the interface's language.
"""
from __future__ import annotations

import importlib.util
import queue
import shutil
import subprocess
import threading

# (command, arguments before the text): the text's language where the tool can choose
COMMANDS = [  # "{lang}": the language of the text read
    ("espeak-ng", ["-v", "{lang}", "-s", "140"]),
    ("espeak", ["-v", "{lang}", "-s", "140"]),
    ("spd-say", ["-l", "{lang}", "-r", "-20"]),
    ("say", []),  # macOS (the system's voice)
]


class Pyttsx3Voice:
    """pyttsx3, created in the speaking thread (its engines are not thread-safe)."""

    name = "pyttsx3"

    def __init__(self):
        self._engine = None
        self._lang = None

    def say(self, text: str, lang: str = "fr") -> None:
        if self._engine is None:
            import pyttsx3  # lazily: an import that may take a second stays off the main loop

            self._engine = pyttsx3.init()
            self._engine.setProperty("rate", 150)
        if lang != self._lang:
            self._lang = lang
            for voice in self._engine.getProperty("voices") or []:
                langs = " ".join(str(l) for l in (getattr(voice, "languages", None) or []))
                if lang in (langs + " " + str(getattr(voice, "id", ""))).lower():
                    self._engine.setProperty("voice", voice.id)
                    break
        self._engine.say(text)
        self._engine.runAndWait()

    def stop(self) -> None:
        pass


class CommandVoice:
    """A speech command of the system (espeak-ng, spd-say, say)."""

    def __init__(self, path: str, args: list[str]):
        self.name = path
        self.command = [path, *args]
        self._process = None

    def say(self, text: str, lang: str = "fr") -> None:
        self.stop()
        command = [part.replace("{lang}", lang) for part in self.command]
        self._process = subprocess.Popen([*command, text], stdin=subprocess.DEVNULL,
                                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self._process.wait()

    def stop(self) -> None:
        process = self._process
        if process is not None and process.poll() is None:
            try:
                process.terminate()
            except OSError:
                pass


def find_voice():
    """The device's voice, or None where there is none."""
    if importlib.util.find_spec("pyttsx3") is not None:
        return Pyttsx3Voice()
    for command, args in COMMANDS:
        path = shutil.which(command)
        if path:
            return CommandVoice(path, args)
    return None


class Speech:
    """Says texts in a background thread; the newest text replaces the ones
    still waiting (a learner who moves on does not hear old instructions)."""

    def __init__(self, voice="auto"):
        self._voice = voice  # "auto": looked for on first use
        self.enabled = False  # the learner's setting
        self.language = "fr"  # of the texts said without their own (the interface's)
        self.said: list[str] = []  # what was given to the voice (the newest last, a few kept)
        self.said_in: list[str] = []  # and in which language
        self._queue: queue.Queue = queue.Queue()
        self._thread: threading.Thread | None = None

    @property
    def voice(self):
        if self._voice == "auto":
            try:
                self._voice = find_voice()
            except Exception:  # noqa: BLE001 - no voice is a normal case
                self._voice = None
        return self._voice

    def available(self) -> bool:
        return self.voice is not None

    def say(self, text: str | None, language: str | None = None) -> None:
        """Read ``text`` aloud, with a voice of ``language`` (the interface's
        by default), if the learner wants it and there is a voice."""
        if not self.enabled or not text or self.voice is None:
            return
        language = language or self.language
        self.said = (self.said + [text])[-20:]
        self.said_in = (self.said_in + [language])[-20:]
        while True:  # only the newest text matters
            try:
                self._queue.get_nowait()
            except queue.Empty:
                break
        self._queue.put((text, language))
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self._run, name="speech", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        while True:
            try:
                text, lang = self._queue.get(timeout=30)
            except queue.Empty:
                return  # the thread ends when idle; say() starts another
            try:
                try:
                    self.voice.say(text, lang)
                except TypeError:  # a voice that does not take a language
                    self.voice.say(text)
            except Exception:  # noqa: BLE001 - a voice that fails is quiet, never a crash
                pass

    def stop(self) -> None:
        voice = self._voice if self._voice != "auto" else None
        if voice is not None:
            try:
                voice.stop()
            except Exception:  # noqa: BLE001
                pass
