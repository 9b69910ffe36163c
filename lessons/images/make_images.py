"""Dessine les images des leçons (PNG 256 x 256, fond transparent).

Lancer depuis n'importe où :

    SDL_VIDEODRIVER=dummy python lessons/images/make_images.py

Les images sont refaites à côté de ce fichier.  Elles sont volontairement
simples : formes épaisses, contour sombre, couleurs franches, aucun texte.
Chaque image est dessinée 4 fois plus grande puis réduite, pour des bords
lisses.  Elles sont dédiées au domaine public (CC0 1.0, voir LICENCE.txt).
"""
from __future__ import annotations

import math
import os
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402

HERE = Path(__file__).resolve().parent
SIZE = 256
S = 4  # dessin à 4 fois la taille, puis réduction
LINE = 7  # épaisseur du contour, en pixels de l'image finale

INK = (35, 31, 32)  # le contour, presque noir
WHITE = (255, 255, 255)


def p(*values):
    """Coordonnées de l'image finale (0 à 256) vers celles du dessin."""
    return [round(v * S) for v in values]


def pt(x, y):
    return (round(x * S), round(y * S))


def rect(surf, colour, x, y, w, h, radius=0, line=LINE):
    r = pygame.Rect(p(x, y, w, h))
    pygame.draw.rect(surf, colour, r, border_radius=radius * S)
    if line:
        pygame.draw.rect(surf, INK, r, width=line * S, border_radius=radius * S)


def circle(surf, colour, x, y, radius, line=LINE):
    pygame.draw.circle(surf, colour, pt(x, y), radius * S)
    if line:
        pygame.draw.circle(surf, INK, pt(x, y), radius * S, width=line * S)


def polyline(surf, points, line=LINE, closed=False, colour=INK):
    pts = [pt(x, y) for x, y in points]
    pairs = list(zip(pts, pts[1:] + pts[:1])) if closed else list(zip(pts, pts[1:]))
    for a, b in pairs:
        pygame.draw.line(surf, colour, a, b, line * S)
    for q in pts:  # des jointures arrondies
        pygame.draw.circle(surf, colour, q, line * S // 2)


def polygon(surf, colour, points, line=LINE):
    pygame.draw.polygon(surf, colour, [pt(x, y) for x, y in points])
    if line:
        polyline(surf, points, line, closed=True)


def canvas():
    return pygame.Surface((SIZE * S, SIZE * S), pygame.SRCALPHA)


# --------------------------------------------------------------------------
# les images


def pomme(surf):
    red, green, brown = (214, 40, 40), (60, 160, 60), (110, 70, 30)
    # la pomme : deux ronds qui se chevauchent, un contour commun
    for dx in (-26, 26):
        pygame.draw.circle(surf, INK, pt(128 + dx, 150), (78 + LINE / 2) * S)
    for dx in (-26, 26):
        pygame.draw.circle(surf, red, pt(128 + dx, 150), (78 - LINE / 2) * S)
    pygame.draw.circle(surf, (240, 120, 110), pt(96, 126), 14 * S)  # un reflet
    # la queue et la feuille
    polyline(surf, [(128, 78), (136, 34)], line=11, colour=brown)
    polygon(surf, green, [(140, 56), (170, 30), (204, 34), (178, 62), (146, 66)])


def panier(surf):
    brown, light = (150, 90, 40), (205, 145, 80)
    # l'anse
    pygame.draw.arc(surf, INK, pygame.Rect(p(52, 22, 152, 150)), 0, 3.1416, 20 * S)
    pygame.draw.arc(surf, brown, pygame.Rect(p(59, 29, 138, 136)), 0.05, 3.09, 8 * S)
    # le corps : un trapèze tressé
    body = [(22, 104), (234, 104), (206, 232), (50, 232)]
    polygon(surf, light, body)
    for y in (138, 172, 206):  # les brins
        t = (y - 104) / 128
        x0, x1 = 22 + 28 * t, 234 - 28 * t
        polyline(surf, [(x0 + 6, y), (x1 - 6, y)], line=6, colour=brown)
    for x in (88, 128, 168):
        polyline(surf, [(x + (x - 128) * 0.05, 112), (x - (x - 128) * 0.15, 224)], line=6, colour=brown)
    polyline(surf, body, closed=True)
    rect(surf, brown, 12, 92, 232, 26, radius=10)  # le bord


def lettre(surf):
    paper, flap = (255, 250, 235), (235, 225, 200)
    rect(surf, paper, 14, 54, 228, 150, radius=8)
    polygon(surf, flap, [(18, 58), (238, 58), (128, 140)])
    polyline(surf, [(18, 200), (100, 126)])
    polyline(surf, [(238, 200), (156, 126)])
    rect(surf, (214, 40, 40), 190, 70, 30, 36, radius=3, line=4)  # le timbre


def dossier(surf):
    yellow, dark = (250, 200, 60), (215, 160, 30)
    polygon(surf, dark, [(18, 60), (96, 60), (116, 82), (238, 82), (238, 214), (18, 214)])
    polygon(surf, yellow, [(18, 106), (238, 106), (238, 214), (18, 214)])


def _carte_photo(surf):
    rect(surf, WHITE, 12, 36, 232, 184, radius=10)
    inner = pygame.Rect(p(30, 54, 196, 148))
    return inner


def photo_montagne(surf):
    inner = _carte_photo(surf)
    sky = pygame.Surface(inner.size, pygame.SRCALPHA)
    sky.fill((120, 190, 240))
    ox, oy = inner.topleft

    def local(points):
        return [(x * S - ox, y * S - oy) for x, y in points]

    pygame.draw.circle(sky, (255, 205, 40), (176 * S - ox, 92 * S - oy), 20 * S)
    pygame.draw.polygon(sky, (110, 110, 125), local([(30, 202), (96, 96), (162, 202)]))
    pygame.draw.polygon(sky, WHITE, local([(96, 96), (78, 125), (114, 125)]))
    pygame.draw.polygon(sky, (80, 150, 70), local([(70, 202), (160, 120), (226, 180), (226, 202)]))
    pygame.draw.rect(sky, (60, 130, 50), pygame.Rect(0, 182 * S - oy, inner.w, inner.h))
    surf.blit(sky, inner)
    pygame.draw.rect(surf, INK, inner, width=4 * S)


def photo_mer(surf):
    inner = _carte_photo(surf)
    pic = pygame.Surface(inner.size, pygame.SRCALPHA)
    pic.fill((140, 200, 245))
    ox, oy = inner.topleft
    pygame.draw.circle(pic, (255, 205, 40), (70 * S - ox, 90 * S - oy), 22 * S)
    pygame.draw.rect(pic, (30, 100, 190), pygame.Rect(0, 132 * S - oy, inner.w, inner.h))
    for y in (150, 170):  # les vagues
        for x in range(40, 226, 40):
            pygame.draw.arc(pic, WHITE, pygame.Rect(x * S - ox, y * S - oy, 30 * S, 14 * S), 0, 3.1416, 3 * S)
    pygame.draw.rect(pic, (240, 210, 140), pygame.Rect(0, 184 * S - oy, inner.w, inner.h))
    # un petit voilier
    pygame.draw.polygon(pic, WHITE, [(160 * S - ox, 126 * S - oy), (160 * S - ox, 84 * S - oy),
                                     (188 * S - ox, 126 * S - oy)])
    pygame.draw.polygon(pic, (214, 40, 40), [(146 * S - ox, 128 * S - oy), (196 * S - ox, 128 * S - oy),
                                             (186 * S - ox, 140 * S - oy), (154 * S - ox, 140 * S - oy)])
    surf.blit(pic, inner)
    pygame.draw.rect(surf, INK, inner, width=4 * S)


def album(surf):
    cover, pages = (150, 30, 50), (255, 250, 235)
    rect(surf, pages, 40, 30, 196, 206, radius=10)  # les pages, derrière
    rect(surf, cover, 22, 20, 196, 206, radius=10)  # la couverture
    rect(surf, (110, 20, 35), 22, 20, 34, 206, radius=10)  # le dos
    # une photo collée sur la couverture
    rect(surf, WHITE, 76, 62, 122, 100, radius=4, line=5)
    pic = pygame.Rect(p(88, 74, 98, 66))
    pygame.draw.rect(surf, (120, 190, 240), pic)
    pygame.draw.polygon(surf, (80, 150, 70), [pt(88, 140), pt(124, 96), pt(160, 140)])
    pygame.draw.circle(surf, (255, 205, 40), pt(166, 92), 9 * S)
    pygame.draw.rect(surf, INK, pic, width=3 * S)


def corbeille(surf):
    grey, dark = (175, 185, 195), (120, 130, 140)
    polygon(surf, grey, [(52, 72), (204, 72), (190, 236), (66, 236)])
    for x in (96, 128, 160):
        polyline(surf, [(x, 96), (x + (x - 128) * 0.1, 212)], line=8, colour=dark)
    rect(surf, grey, 30, 50, 196, 30, radius=8)  # le couvercle
    rect(surf, dark, 100, 26, 56, 28, radius=8)  # la poignée


def billet(surf):
    orange = (245, 150, 40)
    body = pygame.Rect(p(10, 64, 236, 128))
    pygame.draw.rect(surf, INK, body, border_radius=12 * S)
    pygame.draw.rect(surf, orange, body.inflate(-2 * LINE * S, -2 * LINE * S), border_radius=8 * S)
    surf.set_clip(body)
    for cx in (10, 246):  # les encoches sur les côtés
        pygame.draw.circle(surf, INK, pt(cx, 128), (22 + LINE) * S)
        pygame.draw.circle(surf, (0, 0, 0, 0), pt(cx, 128), 22 * S)
    surf.set_clip(None)
    for y in range(78, 182, 18):  # les pointillés à détacher
        pygame.draw.rect(surf, INK, pygame.Rect(p(182, y, 7, 10)))
    # une étoile
    star = []
    for i in range(10):
        r = 42 if i % 2 == 0 else 18
        a = -math.pi / 2 + i * math.pi / 5
        star.append((100 + r * math.cos(a), 130 + r * math.sin(a)))
    polygon(surf, (255, 230, 60), star, line=5)


IMAGES = {
    "pomme.png": pomme,
    "panier.png": panier,
    "lettre.png": lettre,
    "dossier.png": dossier,
    "photo-montagne.png": photo_montagne,
    "photo-mer.png": photo_mer,
    "album.png": album,
    "corbeille.png": corbeille,
    "billet.png": billet,
}


def main() -> None:
    pygame.init()
    for name, draw in IMAGES.items():
        big = canvas()
        draw(big)
        small = pygame.transform.smoothscale(big, (SIZE, SIZE))
        pygame.image.save(small, str(HERE / name))
        print(f"{name} écrit")
    pygame.quit()


if __name__ == "__main__":
    main()
