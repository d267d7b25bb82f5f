"""The sentence-ranking algorithms an article can be summarized with, named once.

A module of its own so that the command line can list them without loading the
settings machinery (``briefgen --help`` stays quick).
"""

from __future__ import annotations

from typing import Literal, get_args

Algorithm = Literal[
    "briefgen", "lead", "lexrank", "textrank", "lsa", "luhn", "kl", "sumbasic", "edmundson"
]
ALGORITHM_NAMES: tuple[str, ...] = get_args(Algorithm)
