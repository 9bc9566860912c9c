"""Property tests over generated news-like input: readers, clean and analyze never let an
exception escape, and every span they report round-trips to the verbatim text.

The generators build text from the pieces that make attribution hard — quote marks of every
kind (balanced, unbalanced, nested), apostrophes, colons, reporting verbs, numbers, dates,
boilerplate-like lines — mixed with random unicode. Bounded to run in about a minute.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accordingto import clean as cleaning
from accordingto.analyze import analyze_many
from accordingto.clean import clean
from accordingto.ingest import read
from accordingto.model import Analysis, Article, ItemError, RawDocument, Span

SOURCES = ["Anna Berg", "the ministry", "Officials", "a spokesman for the port authority", "He", "She",
           "sources close to the talks", "Dr. O'Neill", "the Harbour Times", "one senior official, who asked "
           "not to be named,", "Kyiv", "The company's chief executive", "police", "Ms Nakamura-Ödegaard"]
VERBS = ["said", "told reporters", "claimed", "denied", "added", "warned", "insisted", "reported",
         "accused the government of lying", "is quoted as saying", "confirmed", "suggested", "alleged"]
QUOTES = [("“", "”"), ("‘", "’"), ('"', '"'), ("«", "»"), ("„", "“"), ("'", "'"), ("‹", "›"), ("「", "」"),
          ("“", ""), ("", "”"), ("‘", ""), ('"', ""), ("“", "’"), ("”", "“")]
NUMBERS = ["14", "1,200", "more than 100", "about 3.5 million", "£40m", "a dozen", "-5", "1e9", "12%",
           "99999999999999999999999", "0.000001", "½", "٣", "seven", "hundreds of", "at least 40,000"]
DATES = ["on Tuesday", "last month", "now in its ninth week", "five weeks into the war", "on March 3, 2022",
         "32/13/2022", "in the year 0", "on 29 February 2023", "yesterday", "9999-99-99", "next spring"]
BOILERPLATE = ["Read more: Council approves budget", "Advertisement", "Share this article", "Image: Alamy",
               "Source: Read Full Article", "Follow us on Twitter @news", "Sign up to our newsletter",
               "© 2024 Example Media Ltd. All rights reserved.", "Comments (12)", "Video: loading...",
               "RELATED: Five things to know", "By Staff Reporter | Updated 10:42 GMT"]
WORDS = ["the", "council", "budget", "war", "report", "ferry", "minister", "don't", "it's", "n't", "won't",
         "Mayor 'resigns'", "—", "–", "...", "…", "(", ")", "[", "]", ";", ":", ",", ".", "?", "!", "&amp;",
         "\u00a0", "\u200b", "\u202e", "\ufeff", "e\u0301", "👍🏽", "\t",
         # characters str.splitlines() breaks on besides \n: offsets must survive them
         "\r", "\x0b", "\x0c", "\x1c", "\x1e", "\x85", "\u2028", "\u2029", "\x00"]

word = st.one_of(st.sampled_from(WORDS), st.sampled_from(NUMBERS), st.sampled_from(DATES),
                 st.text(min_size=1, max_size=12))
phrase = st.lists(word, min_size=1, max_size=12).map(" ".join)


@st.composite
def quoted(draw: st.DrawFn) -> str:
    left, right = draw(st.sampled_from(QUOTES))
    inner = draw(phrase)
    if draw(st.booleans()):  # a quote inside the quote
        l2, r2 = draw(st.sampled_from(QUOTES))
        inner = f"{inner} {l2}{draw(phrase)}{r2} {draw(phrase)}"
    return f"{left}{inner}{right}"


@st.composite
def sentence(draw: st.DrawFn) -> str:
    source, verb = draw(st.sampled_from(SOURCES)), draw(st.sampled_from(VERBS))
    shape = draw(st.integers(0, 7))
    if shape == 0:
        return f"{draw(quoted())}, {source} {verb}."
    if shape == 1:
        return f"{source} {verb}: {draw(quoted())}"
    if shape == 2:
        return f"According to {source}, {draw(phrase)} {draw(st.sampled_from(NUMBERS))} {draw(phrase)}."
    if shape == 3:
        return f"{source} {verb} that {draw(phrase)} {draw(st.sampled_from(DATES))}, {draw(st.sampled_from(SOURCES))} reports."
    if shape == 4:
        return f"{draw(quoted())} {source} {verb}. {draw(quoted())}"
    if shape == 5:
        return draw(st.sampled_from(BOILERPLATE))
    if shape == 6:
        return draw(st.text(max_size=80))
    return f"{draw(phrase)} {draw(st.sampled_from(NUMBERS))} {draw(phrase)} {draw(st.sampled_from(DATES))}."


paragraph = st.lists(sentence(), min_size=1, max_size=4).map(" ".join)
news = st.tuples(phrase, st.lists(paragraph, min_size=1, max_size=6), st.sampled_from(["\n\n", "\n", "\r\n", "\n \n"]))\
    .map(lambda t: t[0] + t[2] + t[2].join(t[1]))

HTML_WRAPS = ["<p>{}</p>", "<div><div><span>{}</span></div></div>", "<p>{}", "<figure><figcaption>{}</figcaption></figure>",
              "<script>var x = '{}';</script>", "<blockquote>{}</blockquote>", "<li>{}</li>", "<p>{}<br>{}</p>",
              "<!-- {} -->", "<p>&#x201C;{}&#x201D; &#0; &#xD800; &bogus; &#99999999;</p>", "<h2>{}</h2>", "<table><td>{}"]


@st.composite
def html(draw: st.DrawFn) -> str:
    title = draw(phrase)
    body = "".join(draw(st.sampled_from(HTML_WRAPS)).replace("{}", p) for p in draw(st.lists(paragraph, max_size=5)))
    meta = draw(st.sampled_from(["", '<meta property="og:site_name" content="{}">', '<meta name="date" content="{}">',
                                 '<script type="application/ld+json">{{"publisher": {{"name": "{}"}}}}</script>']))
    return f"<html><head><title>{title}</title>{meta.replace('{}', draw(phrase))}</head><body>{body}</body></html>"


hints = st.dictionaries(st.sampled_from(["title", "url", "published", "outlet", "warc_date"]),
                        st.one_of(st.sampled_from(DATES), phrase, st.just("https://example.org/a/b?c=1")), max_size=4)
raw_docs = st.one_of(
    st.builds(lambda t: RawDocument("fuzz.txt", "fuzz.txt", t, "text"), news),
    st.builds(lambda t: RawDocument("fuzz.html", "fuzz.html", t, "html"), html()),
    st.builds(lambda t, h: RawDocument("fuzz.jsonl#1", "https://example.org/x", t, "record", h), news, hints),
)


def check_analysis(analysis: Analysis) -> None:
    """Every span in the Analysis round-trips to the text, and the record is JSON."""
    text = analysis.article.text

    def ok(span: Span | None, what: str) -> None:
        if span is not None:
            assert isinstance(span, Span) and span.check(text), (what, span, text)

    for a in analysis.attributions:
        for what in ("sentence", "content", "cue", "source_text"):
            ok(getattr(a, what), what)
        for h in a.hedges:
            ok(h, "hedge")
    for c in analysis.claims:
        ok(c.span, "claim")
        for h in c.hedges:
            ok(h, "claim hedge")
        assert c.attribution is None or 0 <= c.attribution < len(analysis.attributions)
    for q in analysis.quantities:
        ok(q.sentence, "quantity sentence")
        ok(q.span, "quantity")
    for e in analysis.events:
        ok(e.trigger, "event trigger")
        ok(e.sentence, "event sentence")
        if e.time:
            ok(e.time.span, "event time")
    for entity in analysis.entities:
        for m in entity.mentions:
            ok(m, "mention")
    json.loads(json.dumps(analysis.to_record(), ensure_ascii=False, allow_nan=False))


FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                           HealthCheck.function_scoped_fixture])


@FUZZ
@given(doc=raw_docs)
def test_clean_never_raises_and_keeps_text(doc: RawDocument) -> None:
    # The cleaner itself, not only `clean`'s bare-text fallback, copes with every input.
    article = cleaning._clean(doc)
    assert isinstance(article, Article) and isinstance(article.text, str)
    assert all(isinstance(line, str) for line in article.boilerplate)
    for evidence in (article.outlet, article.published, article.republished_from):
        assert evidence is None or evidence.value is None or isinstance(evidence.value, str)
    assert clean(doc).text == article.text  # deterministic: the content id is stable


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=raw_docs)
def test_analyze_spans_round_trip_on_cleaned_news(doc: RawDocument) -> None:
    article = clean(doc)
    if not article.text.strip():
        return
    (analysis,) = analyze_many([article])
    check_analysis(analysis)


@pytest.mark.slow
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(news, st.text(max_size=400)))
def test_analyze_spans_round_trip_on_raw_text(text: str) -> None:
    (analysis,) = analyze_many([Article(file="raw.txt", uri="", text=text)])
    check_analysis(analysis)


def _encode(text: str, how: int) -> bytes:
    data = text.encode("utf-8", "surrogatepass")
    if how == 1:  # invalid UTF-8 in the middle
        data = data[: len(data) // 2] + b"\xff\xfe\xc3(" + data[len(data) // 2 :]
    elif how == 2:
        data = text.encode("utf-16")
    elif how == 3:
        data = gzip.compress(data)
    return data


containers = st.one_of(
    news, html(),
    st.lists(st.fixed_dictionaries({"text": news, "title": phrase}), max_size=4)
    .map(lambda rows: "\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n{broken"),
    st.lists(st.tuples(phrase, news), max_size=3)
    .map(lambda rows: "title,text\n" + "\n".join(f'"{t}","{b}"' for t, b in rows)),
)


@FUZZ
@given(text=containers, how=st.integers(0, 3), name=st.sampled_from(["a.txt", "a.html", "a.jsonl", "a.csv", "a"]))
def test_readers_yield_documents_or_one_line_errors(tmp_path: Path, text: str, how: int, name: str) -> None:
    path = tmp_path / (name + (".gz" if how == 3 else ""))
    path.write_bytes(_encode(text, how))
    for item in read([str(path)]):
        assert isinstance(item, RawDocument | ItemError)
        if isinstance(item, ItemError):
            assert item.reason and "\n" not in item.reason and not item.reason.startswith("unexpected error"), item
        else:
            assert isinstance(item.content, str)
            clean(item)
