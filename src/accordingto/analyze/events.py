"""Events (dismissal, arrest, …) with trigger, participants, place, time and modality."""

from __future__ import annotations

from spacy.tokens import Doc

from ..model import Article, Attribution, DateEstimate, Entity, Event


def extract_events(
    doc: Doc,
    attributions: list[Attribution],
    entities: list[Entity],
    article: Article,
    estimate: DateEstimate | None,
) -> list[Event]:
    return []
