"""Feedback sounds, generated in code.  Silent where there is no audio device."""
from __future__ import annotations

import math
from array import array

import pygame

# (frequency Hz, seconds) notes of each cue: soft, short, never a buzzer
CUES = {
    "hit": [(659.3, 0.07), (880.0, 0.11)],
    "miss": [(329.6, 0.16)],
    "done": [(523.3, 0.09), (659.3, 0.09), (784.0, 0.09), (1046.5, 0.2)],
}
VOLUME = {"hit": 0.25, "miss": 0.12, "done": 0.3}


class Sounds:
    def __init__(self, enabled: bool = True):
        self.enabled = enabled
        self._sounds: dict | None = None  # built on first use

    def _build(self) -> dict:
        try:
            if not pygame.mixer.get_init():
                # 1024 samples: 46 ms, soon enough for a feedback sound, and the
                # audio thread wakes half as often as with 512 while nothing plays
                pygame.mixer.init(frequency=22050, size=-16, channels=1, buffer=1024)
            freq, size, channels = pygame.mixer.get_init()
        except (pygame.error, TypeError):
            return {}
        sounds = {}
        for name, notes in CUES.items():
            samples = array("h")
            for hz, seconds in notes:
                n = int(freq * seconds)
                for i in range(n):
                    envelope = min(1.0, i / (freq * 0.01)) * (1 - i / n) ** 1.5  # soft attack and decay
                    value = int(32767 * VOLUME[name] * envelope * math.sin(2 * math.pi * hz * i / freq))
                    samples.extend([value] * channels)  # the layout must match the mixer
            try:
                sounds[name] = pygame.mixer.Sound(buffer=samples)
            except pygame.error:
                return {}
        return sounds

    def warm_up(self) -> None:
        if self.enabled and self._sounds is None:
            self._sounds = self._build()

    def play(self, name: str) -> None:
        if not self.enabled:
            return
        self.warm_up()
        sound = self._sounds.get(name)
        if sound is not None:
            try:
                sound.play()
            except Exception:  # noqa: BLE001 - a sound must never stop a lesson
                pass
