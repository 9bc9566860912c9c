"""A small hand-made corpus for the link stage: three stories, written for these tests.

Story "dam": a wire report, a broadsheet re-write, a tabloid re-write of the broadsheet, an
aggregator copy of the tabloid, and the dam operator's denial; figures, hedges, quotes and
credits change on the way. Story "mayor": a local scoop, a wire pick-up, an undated re-write.
Story "football": unrelated, to keep the others honest.

Analyses are built by hand (what the analyzer would find), so link is tested on its own.
"""

from __future__ import annotations

from accordingto.link.text import sentences
from accordingto.model import (
    Analysis,
    Article,
    Attribution,
    Entity,
    Event,
    Evidence,
    Quantity,
    Span,
)


class Doc:
    def __init__(self, file: str, text: str, outlet: str | None, published: str | None,
                 republished_from: str | None = None) -> None:
        self.text = text
        self.article = Article(
            file=file, uri=file, text=text, title=text.split("\n", 1)[0],
            outlet=Evidence(outlet) if outlet else None,
            published=Evidence(published) if published else None,
            republished_from=Evidence(republished_from, f"Source: {republished_from}") if republished_from else None,
        )
        self.attributions: list[Attribution] = []
        self.quantities: list[Quantity] = []
        self.events: list[Event] = []
        self.entities: list[Entity] = []

    def span(self, needle: str, after: int = 0) -> Span:
        i = self.text.index(needle, after)
        return Span(i, i + len(needle), needle)

    def sentence(self, needle: str) -> Span:
        i = self.text.index(needle)
        p = next(p for p in sentences(self.text) if p.start <= i < p.end)
        return Span(p.start, p.end, p.text)

    def said(self, sentence: str, content: str, source: str | None, source_type: str | None, *,
             cue: str | None = None, source_text: str | None = None, kind: str = "indirect",
             via: tuple[str, ...] = (), recipient: str | None = None, hedges: tuple[str, ...] = (),
             polarity: str = "assert") -> Doc:
        s = self.sentence(sentence)
        self.attributions.append(Attribution(
            sentence=s, content=self.span(content, s.start), kind=kind,  # type: ignore[arg-type]
            cue=self.span(cue, s.start) if cue else None,
            source_text=self.span(source_text, s.start) if source_text else None,
            source=source, source_type=source_type,  # type: ignore[arg-type]
            recipient_or_medium=recipient, via=list(via),
            hedges=[self.span(h, s.start) for h in hedges], polarity=polarity,  # type: ignore[arg-type]
        ))
        return self

    def figure(self, sentence: str, text: str, value: float, unit: str, approximator: str | None = None) -> Doc:
        s = self.sentence(sentence)
        self.quantities.append(Quantity(s, self.span(text, s.start), value, approximator is not None, approximator, unit))
        return self

    def event(self, type_: str, trigger: str) -> Doc:
        t = self.span(trigger)
        self.events.append(Event(type_, t, self.sentence(trigger)))
        return self

    def names(self, *pairs: tuple[str, str, tuple[str, ...]]) -> Doc:
        for canonical, type_, forms in pairs:
            mentions = []
            for form in forms:
                start = 0
                while (i := self.text.find(form, start)) >= 0:
                    mentions.append(Span(i, i + len(form), form))
                    start = i + len(form)
            if mentions:
                self.entities.append(Entity(canonical, type_, mentions))
        return self

    def analysis(self) -> Analysis:
        return Analysis(self.article, self.attributions, [], self.quantities, self.events, self.entities)


DAM_NAMES = (
    ("Marrowby", "GPE", ("Marrowby",)),
    ("Kessel dam", "FAC", ("Kessel dam",)),
    ("Ilse Varga", "PERSON", ("Ilse Varga", "Varga")),
    ("Kessel Hydro", "ORG", ("Kessel Hydro",)),
)
MAYOR_NAMES = (
    ("Tarvik", "GPE", ("Tarvik",)),
    ("Oskar Brenn", "PERSON", ("Oskar Brenn", "Brenn")),
)

WIRE = """Dam collapse kills at least 40 in Marrowby

MARROWBY, June 3 (NW) - At least 40 people were killed when the Kessel dam collapsed above Marrowby on Tuesday, regional governor Ilse Varga said.

"We are still searching the river banks and we fear the number will rise," Varga told reporters.

About 150 homes were flooded in the lower town, the city council said.

Engineers may have ignored cracks in the dam wall, one local official told Norland Wire."""

BEACON = """Marrowby dam disaster: dozens dead

At least 40 people were killed when the Kessel dam collapsed above Marrowby, Norland Wire reports.

Governor Ilse Varga said: "We are still searching the banks and we fear the number will rise."

More than 100 homes were flooded in the lower town.

Engineers ignored cracks in the dam wall, one local official told Norland Wire."""

CLARION = """MARROWBY HORROR: 60 DEAD AS DAM BURSTS

More than 60 people died when the Kessel dam burst above Marrowby, the Daily Beacon reports.

Engineers ignored cracks in the dam wall, according to the Daily Beacon.

Governor Varga said the owner, Kessel Hydro, had been warned twice by inspectors from Ostvale."""

HEAP = """MARROWBY HORROR: 60 DEAD AS DAM BURSTS

More than 60 people died when the Kessel dam burst above Marrowby, the Daily Beacon reports.

Engineers ignored cracks in the dam wall, according to the Daily Beacon.

Governor Varga said the owner, Kessel Hydro, had been warned twice by inspectors from Ostvale.

Source: The Sunday Clarion"""

POST = """Kessel Hydro rejects Marrowby dam claims

Kessel Hydro denied that its engineers had ignored cracks in the dam wall above Marrowby.

"Every inspection of the Kessel dam was passed," a company spokesman said."""

HERALD = """Tarvik mayor arrested over missing millions

Police arrested the mayor of Tarvik, Oskar Brenn, on suspicion of fraud on Friday, prosecutors said.

Brenn is alleged to have diverted 2.5 million crowns from the city budget, prosecutors said."""

WIRE2 = """Tarvik mayor held in fraud inquiry

The mayor of Tarvik, Oskar Brenn, was arrested on suspicion of fraud, the Tarvik Herald reported.

Brenn is alleged to have diverted 2.5 million crowns from the city budget, according to the Tarvik Herald."""

UNDATED = """Mayor Brenn's fall

Oskar Brenn, the mayor of Tarvik, was arrested on suspicion of fraud.

Brenn diverted 3 million crowns from the city budget."""

FOOTBALL = """Harlow Rovers sign striker

Harlow Rovers have signed the striker Tomas Quell from Dunmere Athletic for a club record fee, manager Edda Lorne said."""

FOOTBALL2 = """Quell joins Harlow Rovers

Tomas Quell has completed his move to Harlow Rovers, the club said, ending months of talks with Dunmere Athletic."""


def corpus() -> list[Analysis]:
    docs = [
        Doc("nw_dam.txt", WIRE, "Norland Wire", "2026-06-03")
        .said("At least 40 people were killed", "At least 40 people were killed when the Kessel dam collapsed above Marrowby on Tuesday",
              "Ilse Varga", "person", cue="said", source_text="regional governor Ilse Varga")
        .said("We are still searching", "We are still searching the river banks and we fear the number will rise",
              "Ilse Varga", "person", cue="told", source_text="Varga", kind="direct", recipient="reporters")
        .said("About 150 homes", "About 150 homes were flooded in the lower town", "city council", "organisation",
              cue="said", source_text="the city council")
        .said("Engineers may have", "Engineers may have ignored cracks in the dam wall", "one local official",
              "anonymous", cue="told", source_text="one local official", recipient="Norland Wire", hedges=("may",))
        .figure("At least 40 people", "At least 40", 40, "people", "at least")
        .figure("About 150 homes", "About 150", 150, "homes", "about")
        .figure("kills at least 40", "at least 40", 40, "dead", "at least")
        .event("killing", "killed").event("killing", "kills")
        .names(*DAM_NAMES),
        Doc("beacon_dam.txt", BEACON, "The Daily Beacon", "2026-06-04")
        .said("At least 40 people", "At least 40 people were killed when the Kessel dam collapsed above Marrowby",
              "Norland Wire", "media_outlet", cue="reports", source_text="Norland Wire")
        .said("We are still searching", "We are still searching the banks and we fear the number will rise",
              "Ilse Varga", "person", cue="said", source_text="Governor Ilse Varga", kind="direct")
        .said("Engineers ignored", "Engineers ignored cracks in the dam wall", "one local official", "anonymous",
              cue="told", source_text="one local official", recipient="Norland Wire", via=("Norland Wire",))
        .figure("At least 40 people", "At least 40", 40, "people", "at least")
        .figure("More than 100 homes", "More than 100", 100, "homes", "more than")
        .event("killing", "killed").event("death", "dead")
        .names(*DAM_NAMES),
        Doc("clarion_dam.txt", CLARION, "The Sunday Clarion", "2026-06-05")
        .said("More than 60 people", "More than 60 people died when the Kessel dam burst above Marrowby",
              "Daily Beacon", "media_outlet", cue="reports", source_text="the Daily Beacon")
        .said("Engineers ignored", "Engineers ignored cracks in the dam wall", "Daily Beacon", "media_outlet",
              cue="according to", source_text="the Daily Beacon", kind="according_to")
        .said("Governor Varga said", "the owner, Kessel Hydro, had been warned twice by inspectors from Ostvale",
              "Ilse Varga", "person", cue="said", source_text="Governor Varga")
        .figure("More than 60 people", "More than 60", 60, "people", "more than")
        .figure("60 DEAD", "60", 60, "dead")
        .event("death", "died").event("death", "DEAD")
        .names(*DAM_NAMES, ("Ostvale", "GPE", ("Ostvale",))),
        Doc("heap_dam.txt", HEAP, "NewsHeap", None, republished_from="The Sunday Clarion")
        .said("More than 60 people", "More than 60 people died when the Kessel dam burst above Marrowby",
              "Daily Beacon", "media_outlet", cue="reports", source_text="the Daily Beacon")
        .said("Engineers ignored", "Engineers ignored cracks in the dam wall", "Daily Beacon", "media_outlet",
              cue="according to", source_text="the Daily Beacon", kind="according_to")
        .said("Governor Varga said", "the owner, Kessel Hydro, had been warned twice by inspectors from Ostvale",
              "Ilse Varga", "person", cue="said", source_text="Governor Varga")
        .figure("More than 60 people", "More than 60", 60, "people", "more than")
        .figure("60 DEAD", "60", 60, "dead")
        .event("death", "died").event("death", "DEAD")
        .names(*DAM_NAMES, ("Ostvale", "GPE", ("Ostvale",))),
        Doc("post_dam.txt", POST, "Marrowby Post", "2026-06-04")
        .said("Kessel Hydro denied", "its engineers had ignored cracks in the dam wall above Marrowby", "Kessel Hydro",
              "organisation", cue="denied", source_text="Kessel Hydro", polarity="deny")
        .said("Every inspection", "Every inspection of the Kessel dam was passed", "Kessel Hydro", "organisation",
              cue="said", source_text="a company spokesman", kind="direct")
        .names(*DAM_NAMES),
        Doc("herald_mayor.txt", HERALD, "Tarvik Herald", "2026-06-12")
        .said("Police arrested", "Police arrested the mayor of Tarvik, Oskar Brenn, on suspicion of fraud on Friday",
              "prosecutors", "government", cue="said", source_text="prosecutors")
        .said("Brenn is alleged", "Brenn is alleged to have diverted 2.5 million crowns from the city budget",
              "prosecutors", "government", cue="said", source_text="prosecutors", hedges=("alleged",))
        .figure("Brenn is alleged", "2.5 million crowns", 2.5e6, "crowns")
        .event("arrest", "arrested")
        .names(*MAYOR_NAMES),
        Doc("nw_mayor.txt", WIRE2, "Norland Wire", "2026-06-12")
        .said("The mayor of Tarvik", "The mayor of Tarvik, Oskar Brenn, was arrested on suspicion of fraud",
              "Tarvik Herald", "media_outlet", cue="reported", source_text="the Tarvik Herald")
        .said("Brenn is alleged", "Brenn is alleged to have diverted 2.5 million crowns from the city budget",
              "Tarvik Herald", "media_outlet", cue="according to", source_text="the Tarvik Herald",
              kind="according_to", hedges=("alleged",))
        .figure("Brenn is alleged", "2.5 million crowns", 2.5e6, "crowns")
        .event("arrest", "arrested")
        .names(*MAYOR_NAMES),
        Doc("undated_mayor.txt", UNDATED, "Valley Voice", None)
        .figure("Brenn diverted", "3 million crowns", 3e6, "crowns")
        .event("arrest", "arrested")
        .names(*MAYOR_NAMES),
        Doc("rovers.txt", FOOTBALL, "Harlow Echo", "2026-06-04")
        .said("Harlow Rovers have", "Harlow Rovers have signed the striker Tomas Quell from Dunmere Athletic for a club record fee",
              "Edda Lorne", "person", cue="said", source_text="manager Edda Lorne")
        .names(("Harlow Rovers", "ORG", ("Harlow Rovers",)), ("Tomas Quell", "PERSON", ("Tomas Quell", "Quell")),
               ("Dunmere Athletic", "ORG", ("Dunmere Athletic",))),
        Doc("rovers2.txt", FOOTBALL2, "Dunmere Gazette", "2026-06-05")
        .said("Tomas Quell has", "Tomas Quell has completed his move to Harlow Rovers", "Harlow Rovers",
              "organisation", cue="said", source_text="the club")
        .names(("Harlow Rovers", "ORG", ("Harlow Rovers",)), ("Tomas Quell", "PERSON", ("Tomas Quell", "Quell")),
               ("Dunmere Athletic", "ORG", ("Dunmere Athletic",))),
    ]
    return [d.analysis() for d in docs]


STORIES = {
    "dam": ["nw_dam.txt", "beacon_dam.txt", "clarion_dam.txt", "heap_dam.txt", "post_dam.txt"],
    "mayor": ["herald_mayor.txt", "nw_mayor.txt", "undated_mayor.txt"],
    "football": ["rovers.txt", "rovers2.txt"],
}
