"""Who said what: attributions with sources, cues, via-chains, hedges and polarity.

Finders propose candidates from the quotes (quotes.py) and the dependency parse (frames.py);
the candidates are then resolved in document order, so that "He added", "the admiral" or a
quote with no speaker of its own find the source named before them (sources.py). Every step
is linear in the article's length.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ..model import Article, Attribution, Claim, Span
from .cues import Cue, lexicon
from .frames import (
    ESTIMATE_VERBS,
    WH_WORDS,
    addressee,
    closing_frame,
    content_of_verb,
    extent,
    fill_gaps,
    subject_of,
    subtree_without,
)
from .hedges import doc_text, evidential_passive, hedge_at, hedge_lexicon, hedges_in
from .polarity import content_polarity, inherited_polarity, naming_polarity
from .quotes import Quote, find_quotes
from .sources import (
    DOCUMENT_NOUNS,
    GOVERNMENT_NOUNS,
    ORG_NOUNS,
    OUTLET_NOUNS,
    OUTLET_WORD,
    PERSON_NOUNS,
    TITLE_NOUNS,
    Resolver,
    Source,
    is_outlet_name,
    mention_tokens,
)

SPEECH_MIN_WORDS = 3
FRAME_TOKENS = 12  # how far past a closing mark the speaker frame may start
TERMINATOR = re.compile(r"[.!?][”’\"']?\s+(?=[A-Z“‘\"'])")
UNSPECIFIED_ADVERBS = {"widely", "generally", "commonly", "broadly", "popularly", "often", "usually"}
AS_VERBS = {"see", "regard", "view", "consider", "describe", "deem", "perceive"}
UNATTRIBUTED_HEDGE_KINDS = {"adverb", "adjective"}


@dataclass(slots=True)
class Candidate:
    pos: int  # ordering key: where the statement starts
    sentence: tuple[int, int]
    content: tuple[int, int]
    kind: str
    cue: tuple[int, int] | None
    polarity: str = "assert"
    hedges: list[Span] = field(default_factory=list)
    mode: str = "explicit"  # explicit | continuation | implicit | unspecified | unnamed
    src_head: Token | None = None
    src_toks: list[Token] = field(default_factory=list)
    recipient: Token | None = None
    medium: str | None = None
    via: list[str] = field(default_factory=list)
    cue_token: int | None = None
    paragraph: int = 0


class Intervals:
    """Is an offset inside any of these [start, end) intervals? Built once, asked in log time."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self.starts = [s for s, _ in spans]
        self.max_end: list[int] = []
        best = -1
        for _, e in spans:
            best = max(best, e)
            self.max_end.append(best)

    def covers(self, offset: int) -> bool:
        i = bisect_right(self.starts, offset) - 1
        return i >= 0 and self.max_end[i] > offset


class Extractor:
    def __init__(self, doc: Doc, article: Article) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.lex = lexicon()
        self.quotes = find_quotes(self.text)
        self.top_opens = [q.open for q in self.quotes if q.depth == 0]
        self.closed = sorted((q.open, q.close) for q in self.quotes if q.close is not None)
        self.closed_opens = [o for o, _ in self.closed]
        self._direct_iv: Intervals | None = None
        self._fragment_iv: Intervals | None = None
        self.para_starts = [0] + [m.end() for m in re.finditer(r"\n\s*\n", self.text)]
        self.consumed: set[int] = set()  # cue tokens already used by a finder
        self.via_for: dict[int, list[str]] = {}  # cue token -> relays named by "according to"
        self.direct_chars: list[tuple[int, int]] = []
        self.direct_set: set[tuple[int, int]] = set()
        self.cands: list[Candidate] = []
        self.title = article.title

    # ---- small helpers -----------------------------------------------------------------------
    def para(self, offset: int) -> int:
        return bisect_right(self.para_starts, offset) - 1

    def para_end(self, offset: int) -> int:
        i = self.para(offset)
        end = self.para_starts[i + 1] if i + 1 < len(self.para_starts) else len(self.text)
        while end > 0 and self.text[end - 1].isspace():
            end -= 1
        return end

    def sent_of(self, tok: Token) -> tuple[int, int]:
        s = tok.sent
        return extent_chars(self.text, s.start_char, s.end_char)

    def tokens(self, start: int, end: int) -> list[Token]:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return list(span) if span is not None else []

    def inside_direct(self, offset: int) -> bool:
        if self._direct_iv is None:
            self._direct_iv = Intervals(self.direct_chars)
        return self._direct_iv.covers(offset)

    def inside_fragment(self, offset: int) -> bool:
        if self._fragment_iv is None:
            self._fragment_iv = Intervals(
                [(q.start, q.end) for q in self.quotes if q.close is not None and (q.start, q.end) not in self.direct_set]
            )
        return self._fragment_iv.covers(offset) and not self.inside_direct(offset)

    def quotes_opening_in(self, start: int, end: int) -> list[tuple[int, int]]:
        lo = bisect_right(self.closed_opens, start - 1)
        hi = bisect_right(self.closed_opens, end - 1)
        return self.closed[lo:hi]

    # ---- direct quotes -----------------------------------------------------------------------
    def find_direct(self) -> None:
        for q in self.quotes:
            if q.depth:
                continue
            frame = self._speech_frame(q)
            if frame is None:
                continue
            self._direct(q, *frame)

    def _pre_text_start(self, q: Quote) -> int:
        # a frame sentence longer than this is not a frame; the bound keeps long paragraphs linear
        start = max(self.para_starts[self.para(q.open)], q.open - 1500)
        last = None
        for m in TERMINATOR.finditer(self.text, start, q.open + 1):
            last = m.end()
        return last if last is not None else start

    def _speech_frame(self, q: Quote) -> tuple[int, str] | None:
        """Whether a quote is reported speech (not a scare-quoted term), and where its frame is:
        returns (start of the sentence before the mark, how it is introduced)."""
        words = len(re.findall(r"\w+", self.text[q.start : q.end]))
        pre_start = self._pre_text_start(q)
        pre = self.text[pre_start : q.open].strip()
        inner = self.text[q.start : q.end].rstrip()
        if words < SPEECH_MIN_WORDS and q.paragraphs == 1 and not (words and inner[-1:] in ",.?!"):
            return None  # a scare-quoted term, unless punctuated like speech (“We tried,”)
        if not pre:
            return pre_start, "start"
        if pre.endswith(":"):
            return pre_start, "colon"
        if pre.endswith(","):
            before = self.tokens(pre_start, pre_start + len(self.text[pre_start : q.open].rstrip().rstrip(",")))
            verbs = [t for t in before if t.pos_ in ("VERB", "AUX") and self.lex.verb(t)]
            if verbs and (before[-1] is verbs[-1] or len(before) <= 6) and inner[-1:] in ".?!,":
                return pre_start, "comma"
        return None

    def _direct(self, q: Quote, pre_start: int, how: str) -> None:
        text = self.text
        content = extent_chars(text, q.start, q.end)
        if content is None:
            return
        cand = Candidate(pos=q.open, sentence=(q.open, (q.close + 1) if q.close is not None else q.end),
                         content=content, kind="direct", cue=None, paragraph=self.para(q.open))
        quote_toks = {t.i for t in self.tokens(q.open, (q.close + 1) if q.close is not None else q.end)}
        verb = None
        if how in ("colon", "comma"):
            pre = [t for t in self.tokens(pre_start, q.open) if t.i not in quote_toks]
            verbs = [t for t in pre if t.pos_ in ("VERB", "AUX") and self.lex.verb(t)]
            if verbs:
                verb = verbs[-1]
                cand.pos = pre_start
                cand.sentence = (pre_start, cand.sentence[1])
        elif how == "start" and self.para_starts[self.para(q.open)] == q.open:
            verb = self._frame_in_previous_paragraph(q, cand)
        if verb is None and q.close is not None:
            verb = self._post_frame(q, cand, quote_toks)
        if verb is not None:
            self._speaker(cand, verb, quote_toks)
        else:
            cand.mode = "continuation"
        cand.hedges = hedges_in(self.doc, *content)
        first = re.split(r"(?<=[.?!])\s", text[content[0] : content[1]].strip(), maxsplit=1)[0]
        if first.rstrip("”’\"' ").endswith("?"):
            cand.polarity = "question"
        if cand.polarity == "assert":
            cand.polarity = content_polarity(self.tokens(*content), self.lex) or "assert"
        self.direct_chars.append((q.start, q.end))
        self.direct_set.add((q.start, q.end))
        self._direct_iv = self._fragment_iv = None
        self.cands.append(cand)

    def _frame_in_previous_paragraph(self, q: Quote, cand: Candidate) -> Token | None:
        """'He said:' closing the paragraph before a quote that stands alone."""
        pi = self.para(q.open)
        if pi == 0:
            return None
        prev_end = self.para_end(self.para_starts[pi - 1])
        if not self.text[:prev_end].rstrip().endswith(":"):
            return None
        toks = self.tokens(max(self.para_starts[pi - 1], prev_end - 200), prev_end)
        if not toks:
            return None
        sent = toks[-1].sent
        verbs = [t for t in sent if t.pos_ in ("VERB", "AUX") and self.lex.verb(t)]
        if not verbs:
            return None
        cand.pos = sent.start_char
        cand.sentence = (sent.start_char, cand.sentence[1])
        return verbs[-1]

    def _post_frame(self, q: Quote, cand: Candidate, quote_toks: set[int]) -> Token | None:
        assert q.close is not None
        end = self.para_end(q.close)
        i = bisect_right(self.top_opens, q.close)
        if i < len(self.top_opens):
            end = min(end, self.top_opens[i])
        m = TERMINATOR.search(self.text, q.close + 1, end)
        if m:
            end = min(end, m.start() + 1)
        toks = [t for t in self.tokens(q.close + 1, end) if t.i not in quote_toks and not t.is_space]
        if toks and not toks[0].is_punct and self.text[q.close - 1] not in ",.?!—–-":
            return None  # '… a ‘very strong message’ today': the quote ends mid-sentence, no frame
        for k, t in enumerate(toks):
            if t.pos_ in ("VERB", "AUX") and self.lex.verb(t) and (k < FRAME_TOKENS or _named_before(t, toks[:k])):
                cand.sentence = (cand.sentence[0], extent_chars(self.text, q.open, toks[-1].idx + len(toks[-1].text))[1])
                return t
            if t.is_punct and t.text in ".;" and t.i > toks[0].i:
                break
        return None

    def _speaker(self, cand: Candidate, verb: Token, stop: set[int]) -> None:
        cue = self.lex.verb(verb)
        assert cue is not None
        cand.cue = (verb.idx, verb.idx + len(verb.text))
        cand.cue_token = verb.i
        cand.polarity = cue.polarity if cue.polarity != "assert" else cand.polarity
        self.consumed.add(verb.i)
        subj, how = subject_of(verb)
        if subj is None or subj.i in stop:
            # inverted order after the quote: "…,” said X"
            subj = next((t for t in verb.rights if t.pos_ in ("PROPN", "NOUN", "PRON") and t.i not in stop), None)
            how = "active" if subj is not None else how
        if subj is None or how == "passive":
            cand.mode = "continuation"
        else:
            cand.src_head = subj
            cand.src_toks = mention_tokens(subj, stop)
        cand.recipient = addressee(verb)
        cand.medium = medium_of(verb)
        if cue.hedge:
            cand.hedges.append(Span.of(self.text, *cand.cue))

    # ---- according to / as reported by --------------------------------------------------------
    def find_according(self) -> None:
        for tok in self.doc:
            if tok.lower_ == "according" and tok.i + 1 < len(self.doc) and self.doc[tok.i + 1].lower_ == "to":
                pobj = next((c for c in self.doc[tok.i + 1].children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    self._according(tok, pobj, (tok.idx, self.doc[tok.i + 1].idx + 2))

    def _according(self, tok: Token, src: Token, cue: tuple[int, int]) -> None:
        text = self.text
        prep = set(t.i for t in tok.subtree)
        head = tok.head
        src_toks = mention_tokens(src)
        sent = self.sent_of(tok)
        if head.i != tok.i and head.pos_ in ("VERB", "AUX") and (hc := self.lex.verb(head)) is not None:
            subj, how = subject_of(head)
            # "X said, according to Y" / a quote's frame: Y relayed what X said
            reports = head.i in self.consumed or content_of_verb(head, hc, prep) is not None
            if reports and subj is not None and how in ("active", "agent") and not self._is_outlet_subject(subj):
                self.via_for.setdefault(head.i, []).append(_name_text(text, src))
                return
            # "According to X, …, The Times reports": the outlet is the relay, X the source
            if subj is not None and self._is_outlet_subject(subj):
                self.consumed.add(head.i)
                content = content_of_verb(head, hc, prep | {t.i for t in subj.subtree})
                via = [_name_text(text, subj)]
            else:
                content = None
                via = []
        else:
            via = []
            content = None
        if content is None:
            root = tok.sent.root if head.i == tok.i else head
            while root.dep_ not in ("ROOT",) and root.head.i != root.i and root.pos_ not in ("VERB", "AUX"):
                root = root.head
            relays, relay_names = self._parenthetical_reports(tok.sent, root)
            via = via + relay_names
            cut = prep | relays
            content = [t for t in tok.sent if t.i not in cut] if root.dep_ == "ROOT" else subtree_without(root, cut)
            content = _contiguous_around(content, root)
        ext = extent(content)
        if ext is None:
            return
        c = Candidate(pos=min(ext[0], cue[0]), sentence=sent, content=ext, kind="according_to", cue=cue,
                      src_head=src, src_toks=src_toks, via=via, paragraph=self.para(cue[0]))
        c.hedges = hedges_in(self.doc, *ext)
        self.cands.append(c)

    def _parenthetical_reports(self, sent, root: Token) -> tuple[set[int], list[str]]:
        """", The Times reports" closing an according-to sentence: not part of the content, and
        the outlet through which the statement came."""
        out: set[int] = set()
        names: list[str] = []
        for t in sent:
            if t.pos_ in ("VERB",) and self.lex.verb(t) and t.i > root.i:
                subj, _ = subject_of(t)
                if subj is not None and self._is_outlet_subject(subj):
                    out.update(x.i for x in subj.subtree)
                    out.add(t.i)
                    self.consumed.add(t.i)
                    names.append(_name_text(self.text, subj))
        return out, names

    def _is_outlet_subject(self, subj: Token) -> bool:
        name = _mention_text(self.text, mention_tokens(subj))
        if subj.pos_ != "PROPN":
            return False
        return is_outlet_name(name) if subj.ent_type_ != "PERSON" else bool(OUTLET_WORD.search(name))

    # ---- indirect speech: cue verbs with a content complement ---------------------------------
    def find_verbs(self) -> None:
        for tok in self.doc:
            if tok.i in self.consumed or (tok.pos_ not in ("VERB", "AUX") and not _misread_verb(tok)):
                continue
            if tok.lemma_ == "quote" and (cand := self._quoted_as_saying(tok)) is not None:
                self.consumed.add(tok.i)
                self.cands.append(cand)
                continue
            if tok.lemma_.lower() in READING_VERBS and (cand := self._reading(tok)) is not None:
                self.consumed.add(tok.i)
                self.cands.append(cand)
                continue
            cue = self.lex.verb(tok)
            if cue is None:
                continue
            if any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
                continue  # "to tell him": not yet said
            if tok.dep_ == "pcomp":
                continue  # "by saying …": a manner, not a report
            if tok.lemma_.lower() == "ask" and tok.i == tok.sent.start and tok.tag_ in ("VBN", "VBD"):
                continue  # "Asked whether …, he replied": the question put to the speaker
            if tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in tok.children):
                continue  # "if the email showed …": a supposed report, not one made
            if any(c.dep_ == "neg" for c in tok.children):
                continue  # "would not say whether …": no statement was made
            if any(c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll", "shall") for c in tok.children):
                continue  # "said she would ask the auditor to …": a report still to be made
            if self.inside_fragment(tok.idx):
                continue  # words inside scare quotes are someone's wording, not a report here
            if tok.tag_ == "VBN" and tok.dep_ != "ROOT" and not any(c.dep_ in ("auxpass", "nsubjpass", "nsubj", "aux", "agent") for c in tok.children):
                continue  # "Asked whether …, X said": a question put to the speaker
            if tok.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in tok.children) and self._evidential(tok):
                continue
            subj, how = subject_of(tok)
            if subj is not None and how == "active" and subj.lower_ in ("i", "we", "you"):
                continue  # a speaker's own "I think" inside a quote: the quote is the attribution
            if tok.lemma_.lower() in INFERENCE_VERBS and self._argued_by_another(tok, subj):
                continue  # "X said the charge showed that …": X's argument, not the charge's report
            if subj is not None and (subj.lower_ in ("nobody", "none") or (subj.lower_ == "one" and any(c.lower_ == "no" for c in subj.children))):
                continue  # "nobody disputes that …": nobody said anything
            cand = (
                self._as_reported(tok, subj, how)
                or self._evidenced(tok)
                or self._inverted(tok, cue)
                or self._clause(tok, cue, subj, how)
            )
            if cand is not None:
                self.consumed.add(tok.i)
                self.cands.append(cand)

    def _argued_by_another(self, tok: Token, subj: Token | None) -> bool:
        """A thing said to show or prove something inside the clause another speaker reports."""
        if subj is None or subj.pos_ in ("PRON", "PROPN") or subj.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
            return False
        lemma = subj.lemma_.lower()
        if lemma not in DOCUMENT_NOUNS and subj.lower_ not in DOCUMENT_NOUNS and (lemma in SPEAKING_NOUNS or lemma.endswith(AGENT_SUFFIXES)):
            return False  # "said the auditors had confirmed …": people report, a second-hand report
        node = tok
        for _ in range(3):
            if node.dep_ not in ("ccomp", "conj") or node.head.i == node.i:
                return False
            node = node.head
            if node.pos_ in ("VERB", "AUX") and self.lex.verb(node) is not None:
                outer, how = subject_of(node)
                return outer is not None and how in ("active", "agent")
        return False

    def _reading(self, tok: Token) -> Candidate | None:
        """'X was taken by officials to mean that …' / 'was interpreted by analysts as …': the agent's
        reading of something is what they assert."""
        agent = next((c for c in tok.children if c.dep_ == "agent"), None)
        pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
        if pobj is None or not any(c.dep_ == "auxpass" for c in tok.children):
            return None
        content: list[Token] | None = None
        mean = next((c for c in tok.children if c.dep_ in ("xcomp", "advcl") and c.lemma_ in ("mean", "signal", "indicate", "show")), None)
        comp = next((c for c in mean.children if c.dep_ == "ccomp"), None) if mean is not None else None
        if comp is not None:
            content = subtree_without(comp, set())
        else:
            prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "as"), None)
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
            content = subtree_without(obj, set()) if obj is not None else None
        ext = extent(content) if content else None
        if ext is None:
            return None
        aux = next(c for c in tok.children if c.dep_ == "auxpass")
        return Candidate(pos=tok.sent.start_char, sentence=self.sent_of(tok), content=ext, kind="indirect",
                         cue=_ordered(aux.idx, agent.idx + len(agent.text)), src_head=pobj,
                         src_toks=mention_tokens(pobj), cue_token=tok.i, paragraph=self.para(tok.idx),
                         hedges=hedges_in(self.doc, *ext))

    def _quoted_as_saying(self, tok: Token) -> Candidate | None:
        """'The Herald quoted X as saying …' / 'X was quoted as saying …': X speaks, the quoting
        outlet (when named) is the relay."""
        prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "as"), None)
        saying = next((c for c in prep.children if c.dep_ == "pcomp"), None) if prep is not None else None
        cue = self.lex.verb(saying) if saying is not None else None
        if saying is None or cue is None:
            return None
        content = content_of_verb(saying, cue, set())
        ext = extent(content) if content else None
        if ext is None:
            return None
        speaker = next((c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")), None)
        if speaker is None:
            return None
        quoter = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if quoter is not None and quoter.lower_ in ("which", "who", "that") and tok.dep_ == "relcl":
            quoter = tok.head
        agent = next((c for c in tok.children if c.dep_ == "agent"), None)
        if quoter is None and agent is not None:
            quoter = next((x for x in agent.children if x.dep_ == "pobj"), None)
        via = [_name_text(self.text, quoter)] if quoter is not None else []
        self.consumed.add(saying.i)
        return Candidate(pos=min(tok.sent.start_char, ext[0]), sentence=self.sent_of(tok), content=ext,
                         kind="indirect", cue=_ordered(tok.idx, saying.idx + len(saying.text)), polarity=cue.polarity,
                         src_head=speaker, src_toks=mention_tokens(speaker, {t.i for t in content}), via=via,
                         cue_token=tok.i, paragraph=self.para(tok.idx), hedges=hedges_in(self.doc, *ext))

    def _as_reported(self, tok: Token, subj: Token | None, how: str) -> Candidate | None:
        """'…, as reported by X' / '…, as X reported': X is the source of the host clause."""
        if tok.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children):
            return None
        if subj is None or how not in ("active", "agent"):
            return None
        cue = self.lex.verb(tok)
        if tok.lemma_.lower() not in AS_REPORT_VERBS or cue is None or content_of_verb(tok, cue, {subj.i}) is not None:
            return None  # "as a spokesperson said they would …": a report of its own, not a relay
        own = {t.i for t in tok.subtree}
        # the relayed statement is the whole sentence around the aside, wherever the parser hung it
        host = [t for t in tok.sent if t.i not in own]
        ext = extent(fill_gaps([t for t in host if not t.is_space]) if host else [])
        if ext is None:
            return None
        first = min(tok.subtree, key=lambda t: t.i)
        return Candidate(pos=ext[0], sentence=self.sent_of(tok), content=ext, kind="according_to",
                         cue=_ordered(first.idx, tok.idx + len(tok.text)) if how == "agent" else (tok.idx, tok.idx + len(tok.text)),
                         src_head=subj, src_toks=mention_tokens(subj), cue_token=tok.i, paragraph=self.para(tok.idx))

    def _evidenced(self, tok: Token) -> Candidate | None:
        """'Corruption … is proven by X reports': a passive of evidence whose agent is the source
        and whose subject is what it supports."""
        if tok.lemma_.lower() not in EVIDENCE_VERBS or not any(c.dep_ == "auxpass" for c in tok.children):
            return None
        agent = next((c for c in tok.children if c.dep_ == "agent"), None)
        subj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
        pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
        if pobj is None or subj is None:
            return None
        ext = extent(subtree_without(subj, set()))
        if ext is None:
            return None
        aux = min((c for c in tok.children if c.dep_ in ("auxpass", "aux")), key=lambda t: t.i)
        return Candidate(pos=ext[0], sentence=self.sent_of(tok), content=ext, kind="according_to",
                         cue=_ordered(aux.idx, agent.idx + len(agent.text)), src_head=pobj,
                         src_toks=mention_tokens(pobj), cue_token=tok.i, paragraph=self.para(tok.idx))

    def _inverted(self, tok: Token, cue: Cue) -> Candidate | None:
        """'…, says British intelligence.' / '…, said X, who …': cue after the content."""
        doc = self.doc
        if tok.i == 0 or doc[tok.i - 1].text not in (",", "”", "’", "\"", "'"):
            return None
        if tok.tag_ == "VBG":
            return None  # "…, rejecting a request": a participle's object is what it acts on, not a speaker
        sent = tok.sent
        if tok.i - sent.start < 4:
            return None
        rights = [t for t in tok.rights if not t.is_punct]
        subj = rights[0] if len(rights) == 1 and rights[0].pos_ in ("PROPN", "NOUN") else None
        left_subj = [c for c in tok.lefts if c.dep_ in ("nsubj", "nsubjpass")]
        if subj is None or left_subj or subj.dep_ not in ("nsubj", "dobj", "attr", "npadvmod", "nsubjpass"):
            return None
        if any(not t.is_punct for t in tok.doc[subj.right_edge.i + 1 : sent.end]):
            return None  # the name must close the sentence
        comma = tok.i - 1
        body = [t for t in sent if t.i < comma]
        ext = extent(body)
        if ext is None:
            return None
        return Candidate(pos=ext[0], sentence=self.sent_of(tok), content=ext, kind="indirect",
                         cue=(tok.idx, tok.idx + len(tok.text)), polarity=cue.polarity, src_head=subj,
                         src_toks=mention_tokens(subj, {t.i for t in body}), cue_token=tok.i,
                         paragraph=self.para(tok.idx), hedges=self._cue_hedges(tok, cue, ext))

    def _clause(self, tok: Token, cue: Cue, subj: Token | None, how: str) -> Candidate | None:
        own = {t.i for t in tok.subtree}
        exclude = {t.i for t in subj.subtree if t.i not in own} if subj is not None and how != "passive" else set()
        exclude.add(tok.i)
        content = content_of_verb(tok, cue, exclude)
        if not content and subj is not None and (tok.dep_ == "parataxis" or closing_frame(tok)):
            # "… could reach 15, union warns, as questions mount" / "…, the Herald reported":
            # the host clause before the frame is the content
            content = [t for t in tok.head.subtree if t.i not in {x.i for x in tok.subtree}]
            first = next((t for t in tok.subtree if not t.is_punct), tok)
            if tok.head.i < tok.i:
                content = [t for t in content if t.i < first.i]
            else:  # "In each case, the auditors found, the bid was …": the host clause runs on past the frame
                last = max(t.i for t in tok.subtree)
                content = [t for t in tok.sent.root.subtree if t.i > last]
        if not content:
            return None
        if self.inside_direct(tok.idx) and not any(c.dep_ == "ccomp" for c in tok.children):
            return None  # inside a quote only a reported clause is a second-hand report
        if (how == "passive" or (how != "agent" and any(c.dep_ == "auxpass" for c in tok.children))) and not any(c.dep_ == "ccomp" for c in tok.children):
            return None  # "staff had been ordered not to talk", "… and was told to wait": an order, nobody quoted
        if len(content) == 1 and content[0].tag_ in ("WDT", "WP"):
            return None  # "which X first revealed …": a misparsed relative pronoun, not a content
        if ANONYMITY.search(self.text[content[0].idx : content[-1].idx + len(content[-1].text)]):
            return None  # "who asked not to be named": a condition of anonymity, not a statement
        ext = extent(content)
        if ext is None:
            return None
        if subj is not None and subj.idx >= ext[0] and subj.idx < ext[1]:
            return None
        cue_span = self._cue_span(tok)
        cand = Candidate(pos=min(ext[0], tok.sent.start_char if subj is None else subj.left_edge.idx, cue_span[0]),
                         sentence=self.sent_of(tok), content=ext, kind="indirect", cue=cue_span,
                         polarity=cue.polarity, cue_token=tok.i, paragraph=self.para(tok.idx))
        if subj is None and how == "none":
            return None  # a cue verb nobody is the subject of: "… associated with criticizing X"
        if subj is None:
            cand.mode = "implicit"
        elif how == "passive":
            cand.mode = "unnamed"
        else:
            cand.src_head = subj
            cand.src_toks = mention_tokens(subj, {t.i for t in content})
        if cue.polarity == "assert" and self.lex.get(tok.lemma_, "verb") is None and cue.lemma == "ask":
            cand.polarity = "question"
        if tok.lemma_ == "ask" and any(t.lower_ in WH_WORDS for t in content[:1]):
            cand.polarity = "question"
        if cand.polarity == "assert":
            cand.polarity = (
                naming_polarity(tok) or inherited_polarity(tok, self.lex) or content_polarity(content, self.lex) or "assert"
            )
        cand.recipient = addressee(tok) if how != "passive" else None
        cand.medium = medium_of(tok)
        if how == "passive" and subj is not None and subj.pos_ != "PRON":
            cand.medium = _mention_text(self.text, mention_tokens(subj))
        cand.hedges = self._cue_hedges(tok, cue, ext)
        return cand

    def _cue_span(self, tok: Token) -> tuple[int, int]:
        """The verbatim cue: the verb with its particle or its object noun for phrasal cues."""
        parts = [tok]
        for c in tok.children:
            if c.dep_ == "prt" or (c.dep_ == "dobj" and self.lex.phrasal.get((tok.lemma_.lower(), c.lemma_.lower()))):
                parts.append(c)
        if any(c.dep_ == "aux" and c.lower_ in ("are", "is", "am", "were", "was") for c in tok.children) and tok.tag_ == "VBG":
            aux = next(c for c in tok.children if c.dep_ == "aux" and c.lower_ in ("are", "is", "am", "were", "was"))
            if aux.i == tok.i - 1:
                parts.append(aux)
        parts.sort(key=lambda t: t.i)
        if parts[-1].i - parts[0].i > 3:
            parts = [tok]
        return parts[0].idx, parts[-1].idx + len(parts[-1].text)

    def _cue_hedges(self, tok: Token, cue: Cue, ext: tuple[int, int]) -> list[Span]:
        out = []
        if cue.hedge:
            out.append(Span.of(self.text, tok.idx, tok.idx + len(tok.text)))
        # "has reportedly brought … while also revealing …": the hedge on the governing clause
        node, steps = tok, 0
        while steps < 4:
            for c in node.children:
                if c.dep_ == "advmod" and (h := hedge_at(c)) is not None and c.lower_ in ADVERB_EVIDENTIALS:
                    out.append(h)
            if node.dep_ not in ("advcl", "conj", "xcomp") or node.head.i == node.i:
                break
            node, steps = node.head, steps + 1
        out.extend(hedges_in(self.doc, *ext))
        return _unique(out)

    def find_tails(self) -> None:
        """'…, the Gazette understands.': a closing frame the tagger misread (the cue as a noun).
        The sentence ends with a comma, a short name and a reporting verb form."""
        for sent in self.doc.sents:
            toks = [t for t in sent if not t.is_space]
            while toks and toks[-1].is_punct:
                toks.pop()
            if len(toks) < 6 or toks[-1].i in self.consumed or toks[-1].pos_ in ("VERB", "AUX"):
                continue
            last = toks[-1]
            cue = self.lex.get(TAIL_FORMS.get(last.lower_, ""), "verb")
            if cue is None:
                continue
            comma = next((t for t in reversed(toks[:-1]) if t.text == ","), None)
            if comma is None or last.i - comma.i > 5 or comma.i - toks[0].i < 4:
                continue
            name = [t for t in toks if comma.i < t.i < last.i]
            if not name or not any(t.pos_ == "PROPN" or t.text[:1].isupper() for t in name):
                continue
            ext = extent([t for t in toks if t.i < comma.i])
            if ext is None:
                continue
            head = name[-1]
            self.consumed.add(last.i)
            self.cands.append(Candidate(pos=ext[0], sentence=self.sent_of(last), content=ext, kind="indirect",
                                        cue=(last.idx, last.idx + len(last.text)), polarity=cue.polarity,
                                        src_head=head, src_toks=name, cue_token=last.i, paragraph=self.para(last.idx),
                                        hedges=hedges_in(self.doc, *ext)))

    # ---- nominal cues: "a statement by X that …", "the Kremlin's assertions it …" -------------
    def find_nouns(self) -> None:
        for tok in self.doc:
            if tok.pos_ != "NOUN":
                continue
            cue = self.lex.get(tok.lemma_, "noun") or self.lex.get(tok.lower_, "noun")
            if cue is None or self.inside_fragment(tok.idx):
                continue
            content = self._noun_content(tok, cue)
            if content is None:
                continue
            ext = extent(content)
            if ext is None:
                continue
            cand = Candidate(pos=min(tok.idx, ext[0]), sentence=self.sent_of(tok), content=ext, kind="indirect",
                             cue=(tok.idx, tok.idx + len(tok.text)), polarity=cue.polarity, cue_token=tok.i,
                             paragraph=self.para(tok.idx))
            holder = self._holder(tok)
            if holder is None and self._denied_object(tok):
                continue  # "denied reports that …": the denial reports it; whose reports they were, nobody says
            of_content = content and content[0].i > tok.i and self.doc[content[0].i - 1].lower_ in ("of", "for") or (content and content[0].lower_ in ("of", "for"))
            if holder is None and of_content and tok.lemma_.lower() != "report":
                continue  # "accusations of fraud were recorded": a topic, not a reported statement
            if holder is not None:
                cand.src_head = holder
                cand.src_toks = mention_tokens(holder, {t.i for t in content} | {tok.i})
            elif tok.lemma_.lower() in ("report", "statement", "assessment", "review", "study", "survey", "document"):
                cand.src_head = tok
                cand.src_toks = [tok]
            else:
                cand.mode = "implicit"
            if cue.hedge:
                cand.hedges.append(Span.of(self.text, tok.idx, tok.idx + len(tok.text)))
            cand.hedges = _unique(cand.hedges + hedges_in(self.doc, *ext))
            self.cands.append(cand)

    def _denied_object(self, noun: Token) -> bool:
        head = noun.head
        cue = self.lex.verb(head) if noun.dep_ == "dobj" and head.pos_ in ("VERB", "AUX") else None
        return cue is not None and cue.polarity == "deny"

    def _noun_content(self, tok: Token, cue: Cue) -> list[Token] | None:
        for c in tok.children:
            if c.dep_ in ("acl", "ccomp", "appos", "relcl") and c.pos_ in ("VERB", "AUX"):
                marks = [x for x in c.children if x.dep_ == "mark"]
                subj = [x for x in c.children if x.dep_ in ("nsubj", "nsubjpass", "expl")]
                if (marks and marks[0].lower_ == "that") or (not marks and subj and c.dep_ != "relcl" and subj[0].lower_ not in ("which", "who", "that")):
                    return subtree_without(c, set())
        if cue.of:
            for c in tok.children:
                if c.dep_ in ("acl", "advcl", "relcl") and any(x.dep_ == "mark" and x.lower_ == "for" for x in c.children):
                    return subtree_without(c, set())  # "calls for the city to evacuate …"
                if c.dep_ == "prep" and c.lower_ in ("of", "for"):
                    pobj = [x for x in c.children if x.dep_ in ("pobj", "pcomp")]
                    if pobj:
                        return subtree_without(c if c.lower_ == "for" else pobj[0], set(), trim_relcl=True)
        # "Another theory is that …"
        if tok.dep_ == "nsubj" and tok.head.lemma_ == "be":
            for c in tok.head.children:
                if c.dep_ in ("ccomp", "attr") and c.i != tok.i and any(x.lower_ == "that" and x.dep_ == "mark" for x in c.children):
                    return [t for t in tok.sent if t.i >= c.left_edge.i]
        return None

    def _holder(self, noun: Token) -> Token | None:
        for c in noun.children:
            if c.dep_ == "poss":
                if c.lower_ in ("its", "their", "his", "her"):
                    subj, _ = subject_of(noun.head) if noun.head.pos_ in ("VERB", "AUX") else (None, "none")
                    return subj or c
                return c
        for c in noun.children:
            if c.dep_ == "prep" and c.lower_ == "by":
                pobj = next((x for x in c.children if x.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj
        for c in noun.children:
            if c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE", "ORG"):
                return c
        return None

    # ---- evidential passives and adverbs ------------------------------------------------------
    def _evidential(self, tok: Token) -> bool:
        cue = self.lex.get(tok.lemma_, "evid")
        if cue is None:
            return False
        nxt = self.doc[tok.i + 1] if tok.i + 1 < len(self.doc) else None
        return bool(
            (nxt is not None and nxt.lower_ == "to")
            or any(c.dep_ in ("nsubjpass", "expl") and c.lower_ == "it" for c in tok.children)
            or (tok.lemma_ in AS_VERBS and any(c.dep_ == "prep" and c.lower_ == "as" for c in tok.children))
        )

    def find_evidentials(self) -> None:
        for tok in self.doc:
            if self.cands and self.cands[-1].mode in ("implicit", "unspecified") and self.cands[-1].content[0] <= tok.idx < self.cands[-1].content[1]:
                continue
            if tok.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in tok.children) and self._evidential(tok):
                self._passive_evidential(tok)
            elif tok.lower_ in ADVERB_EVIDENTIALS and tok.dep_ == "advmod" and tok.head.pos_ in ("VERB", "AUX"):
                self._adverb_evidential(tok)

    def _passive_evidential(self, tok: Token) -> None:
        hedge = evidential_passive(tok)
        impersonal = any(c.dep_ in ("nsubjpass", "expl") and c.lower_ == "it" for c in tok.children)
        if tok.lemma_ in AS_VERBS and any(c.dep_ == "prep" and c.lower_ == "as" for c in tok.children):
            prep = next(c for c in tok.children if c.dep_ == "prep" and c.lower_ == "as")
            pobj = [x for x in prep.children if x.dep_ in ("pobj", "pcomp")]
            if not pobj:
                return
            content = subtree_without(pobj[0], set())
            mode = "unspecified"
            hedges: list[Span] = []
            cue = _ordered(tok.idx, prep.idx + len(prep.text))
            if any(c.lower_ in UNSPECIFIED_ADVERBS for c in tok.children):
                cue = _ordered(min(c.idx for c in tok.children if c.dep_ in ("auxpass", "aux", "advmod")), cue[1])
        elif impersonal:
            return  # "it is believed …": no holder at all; only a hedged claim
        elif (inner := self._inner_report(tok)) is not None:
            inner.hedges = _unique([hedge] + inner.hedges)
            self.consumed.add(tok.i)
            self.cands.append(inner)
            return
        else:
            verb = tok
            content = [t for t in verb.subtree]
            mode = "implicit"
            hedges = [hedge]
            cue = (hedge.start, hedge.end)
        ext = extent(content)
        if ext is None:
            return
        cand = Candidate(pos=tok.sent.start_char, sentence=self.sent_of(tok), content=ext, kind="indirect", cue=cue,
                         mode=mode, cue_token=tok.i, paragraph=self.para(tok.idx))
        cand.hedges = _unique(hedges + [h for h in hedges_in(self.doc, *ext) if not _overlaps(h, hedges)])
        self.consumed.add(tok.i)
        self.cands.append(cand)

    def _inner_report(self, tok: Token) -> Candidate | None:
        """'Voters were said to believe that …', 'Insurers are said to have put the bill at …': the
        passive subject holds the inner report; the evidential only hedges it."""
        xcomp = next((c for c in tok.children if c.dep_ == "xcomp"), None)
        subj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
        cue = self.lex.verb(xcomp) if xcomp is not None else None
        if xcomp is not None and cue is None and xcomp.lemma_.lower() in ESTIMATE_VERBS:
            cue = self.lex.get("estimate", "verb")
        if xcomp is None or subj is None or cue is None:
            return None
        if any(c.dep_ == "auxpass" for c in xcomp.children):
            return None  # "MPs are believed to have been promised …": they were told, they did not tell
        content = content_of_verb(xcomp, cue, {t.i for t in subj.subtree})
        ext = extent(content) if content else None
        if ext is None:
            return None
        self.consumed.add(xcomp.i)
        return Candidate(pos=tok.sent.start_char, sentence=self.sent_of(tok), content=ext, kind="indirect",
                         cue=(xcomp.idx, xcomp.idx + len(xcomp.text)), polarity=cue.polarity, src_head=subj,
                         src_toks=mention_tokens(subj), cue_token=tok.i, paragraph=self.para(tok.idx),
                         hedges=hedges_in(self.doc, *ext))

    def _adverb_evidential(self, tok: Token) -> None:
        verb = tok.head
        content = [t for t in verb.subtree]
        ext = extent(content)
        if ext is None:
            return
        cand = Candidate(pos=tok.sent.start_char, sentence=self.sent_of(tok), content=ext, kind="indirect",
                         cue=(tok.idx, tok.idx + len(tok.text)), mode="implicit", cue_token=tok.i,
                         paragraph=self.para(tok.idx))
        cand.hedges = _unique([Span.of(self.text, tok.idx, tok.idx + len(tok.text))] + hedges_in(self.doc, *ext))
        self.cands.append(cand)

    # ---- resolution --------------------------------------------------------------------------
    def resolve(self) -> list[tuple[Candidate, Source]]:
        resolver = Resolver(self.doc)
        out: list[tuple[Candidate, Source]] = []
        seen_cues: set[int] = set()
        self.cands.sort(key=lambda c: (c.pos, c.content[0]))
        # an agentless "is said to" inside what a named source said belongs to that report
        stated = Intervals([c.content for c in self.cands if c.mode == "explicit" and c.src_head is not None])
        prev: tuple[Candidate, Source] | None = None
        for c in self.cands:
            if c.mode == "implicit" and c.cue is not None and stated.covers(c.cue[0]):
                continue
            if c.cue_token is not None and c.kind != "direct":  # a split quote shares its frame
                if c.cue_token in seen_cues:
                    continue
                seen_cues.add(c.cue_token)
            src = self._source(c, resolver, prev)
            if src is None:
                continue
            if c.cue_token is not None:
                c.via.extend(self.via_for.get(c.cue_token, []))
            if c.recipient is not None:
                name, is_outlet = resolver.recipient(c.recipient)
                c.medium = c.medium or name
                if is_outlet:
                    c.via.append(name)
            for v in src.via:
                if v not in c.via and c.mode != "implicit":
                    c.via.append(v)
            src.recipient = c.medium
            src.via = list(c.via)
            resolver.remember(c.pos, src)
            out.append((c, src))
            prev = (c, src)
        return out

    def _source(self, c: Candidate, resolver: Resolver, prev: tuple[Candidate, Source] | None) -> Source | None:
        if c.mode == "explicit" and c.src_head is not None:
            lemma = self.doc[c.cue_token].lemma_.lower() if c.cue_token is not None else ""
            src = resolver.classify(c.src_head, c.src_toks, c.pos, lemma)
            if c.src_head.pos_ == "PRON" and prev is not None and self._quoted_by(c, prev) and src.name == prev[1].name:
                return None  # "‘They think we are stupid,’ X said": inside X's quote, "they" is never X
            if src.name is None:
                if prev is None:
                    return None
                p = prev[1]
                return Source(p.name, p.type, p.role, p.text_head, src.mention)
            src.via = src.via + _relayed_by(resolver, c.src_head)
            return src
        if c.mode == "continuation":
            if prev is None or self.para(c.pos) - prev[0].paragraph > 1:
                return None
            p = prev[1]
            c.via = list(p.via)
            c.medium = p.recipient
            return Source(p.name, p.type, p.role, p.text_head, "")
        if c.mode == "implicit":
            # an agentless "is said to" / "reportedly" / "another theory": the source in play
            start = c.sentence[0]
            window = start - self._previous_sentence_start(start)
            p = resolver.recent(start, window + 1)
            if p is None:
                return None
            return Source(p.name, p.type, p.role, p.text_head, "")
        if c.mode == "unspecified":
            return Source("unspecified observers", "anonymous", None, "", "")
        if c.mode == "unnamed":
            return Source("unnamed informants", "anonymous", None, "", "")
        return None

    @staticmethod
    def _quoted_by(c: Candidate, prev: tuple[Candidate, Source]) -> bool:
        """Whether `c`'s cue stands inside the direct quote `prev` reports."""
        q = prev[0]
        return q.kind == "direct" and c.cue is not None and q.content[0] <= c.cue[0] < q.content[1]

    def _previous_sentence_start(self, start: int) -> int:
        tok = self.doc.char_span(start, min(len(self.text), start + 1), alignment_mode="expand")
        if tok is None or tok.start == 0:
            return start
        prev_tok = self.doc[tok.start - 1]
        while prev_tok.is_space and prev_tok.i > 0:
            prev_tok = self.doc[prev_tok.i - 1]
        return prev_tok.sent.start_char

    # ---- assembling --------------------------------------------------------------------------
    def attributions(self) -> list[Attribution]:
        out: list[Attribution] = []
        text = self.text
        for c, src in self.resolve():
            if c.content[0] >= c.content[1] or (c.cue is not None and c.cue[0] > c.cue[1]):
                continue  # a degenerate span from a broken parse: no statement to point at
            kind = c.kind
            for o, cl in self.quotes_opening_in(c.content[0] - 2, c.content[1]):
                if o < c.content[0] and c.content[1] <= cl < c.content[1] + 2 and c.kind != "direct" and not text[o:c.content[0]].strip("“‘\"'"):
                    c.content = (o, cl + 1)  # a content that is exactly a quoted fragment keeps its marks
                if c.content[0] <= o < c.content[1] and c.content[1] <= cl < c.content[1] + 2 and c.kind != "direct":
                    c.content = (c.content[0], cl + 1)
                if c.content[0] <= o < c.content[1] and kind == "indirect" and cl < c.content[1]:
                    kind = "mixed"
            sentence = _widen(c.sentence, c.content, c.cue)
            src_span = None
            if c.src_toks and c.mode == "explicit":
                src_span = _span_of_tokens(text, c.src_toks)
            out.append(
                Attribution(
                    sentence=Span.of(text, *sentence),
                    content=Span.of(text, *c.content),
                    kind=kind,  # type: ignore[arg-type]
                    cue=Span.of(text, *c.cue) if c.cue else None,
                    source_text=src_span,
                    source=src.name,
                    source_type=src.type,  # type: ignore[arg-type]
                    source_role=src.role,
                    recipient_or_medium=c.medium,
                    via=_dedupe(c.via),
                    hedges=sorted(_unique(c.hedges), key=lambda h: h.start),
                    polarity=c.polarity,  # type: ignore[arg-type]
                )
            )
        out.sort(key=lambda a: (a.sentence.start, a.content.start))
        return _fold_according_asides(text, _fold_outlet_relays(out))

    def hedged_claims(self, attributions: list[Attribution]) -> list[Claim]:
        """Sentences that weaken a claim with no stated source: evidential passives, hedging
        adverbs, impersonal "it is likely", holder-less theories, and scare quotes in the
        headline and standfirst."""
        covered = Intervals(
            [(a.content.start, a.content.end) for a in attributions if a.source_text is not None or a.kind == "direct"]
        )
        claims: list[Claim] = []
        headline_paras = self._headline_paragraphs()
        for sent in self.doc.sents:
            hedges: list[Span] = []
            for tok in sent:
                h = None
                if tok.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in tok.children) and self._evidential(tok):
                    h = evidential_passive(tok)
                elif tok.lower_ in ("theory", "theories") and tok.dep_ == "nsubj":
                    h = Span.of(self.text, tok.idx, tok.idx + len(tok.text))
                else:
                    h = hedge_at(tok)
                    if h is not None and self._hedge_kind(tok) not in UNATTRIBUTED_HEDGE_KINDS:
                        h = None
                if h is None or covered.covers(h.start):
                    continue
                hedges.append(h)
            if not hedges and self.para(sent.start_char) in headline_paras:
                for o, cl in self.quotes_opening_in(sent.start_char, sent.end_char):
                    if len(self.text[o + 1 : cl].split()) <= 12 and not self.inside_direct(o + 1):
                        hedges.append(Span.of(self.text, o, cl + 1))
            if hedges:
                ext = extent_chars(self.text, sent.start_char, sent.end_char)
                if ext is not None:
                    claims.append(Claim(span=Span.of(self.text, *ext), certainty="hedged", hedges=hedges))
        return claims

    def _hedge_kind(self, tok: Token) -> str | None:
        return hedge_lexicon().get(tok.lower_)

    def _headline_paragraphs(self) -> set[int]:
        """The headline paragraph and a standfirst right after it (lines with no full stop)."""
        out: set[int] = set()
        first = None
        if self.title:
            pos = self.text.find(self.title)
            first = self.para(pos) if pos >= 0 else None
        if first is None:
            first = 0
        out.add(first)
        if first + 1 < len(self.para_starts):
            start = self.para_starts[first + 1]
            end = self.para_end(start)
            if not self.text[start:end].rstrip().endswith((".", "!", "?", "”", "\"")):
                out.add(first + 1)
        return out


ANONYMITY = re.compile(r"^(not )?to be (named|identified|quoted)\b|^anonymity$", re.I)
AS_REPORT_VERBS = {"report", "say", "state", "note", "announce", "reveal", "disclose", "confirm", "write", "tell",
                   "publish", "quote", "cite", "claim", "put", "explain", "describe", "indicate", "suggest", "show"}
# verbs by which a thing supports a conclusion: inside another's report, that speaker's argument
INFERENCE_VERBS = {"show", "prove", "demonstrate", "indicate", "mean", "suggest", "confirm"}
SPEAKING_NOUNS = PERSON_NOUNS | TITLE_NOUNS | GOVERNMENT_NOUNS | ORG_NOUNS | OUTLET_NOUNS
AGENT_SUFFIXES = ("or", "er", "ist", "ian", "ant", "ent")  # auditor, inspector, scientist, …
EVIDENCE_VERBS = {"prove", "show", "demonstrate", "corroborate", "document", "evidence", "substantiate", "support"}
# verb forms that close a sentence as its reporting frame, by the lemma they stand for
TAIL_FORMS = {"says": "say", "said": "say", "reports": "report", "reported": "report", "understands": "understand",
              "writes": "write", "wrote": "write", "notes": "note", "noted": "note", "adds": "add", "added": "add",
              "learned": "learn", "learnt": "learn", "reveals": "reveal", "revealed": "reveal",
              "claims": "claim", "claimed": "claim", "warns": "warn", "warned": "warn"}
READING_VERBS = {"take", "interpret", "read", "construe", "understand", "see", "view", "regard"}
ADVERB_EVIDENTIALS = {"reportedly", "allegedly", "purportedly", "supposedly", "reputedly", "apparently"}


def _named_before(verb: Token, stretch: list[Token]) -> bool:
    """'“…,” the memo's authors, two officials of the audit office, wrote.': a long speaker between
    the quote and the verb — only names and descriptions, no verb of their own — still frames it."""
    subj, how = subject_of(verb)
    return (
        subj is not None
        and how == "active"
        and any(t.i == subj.i for t in stretch)
        and not any(t.pos_ in ("VERB", "AUX") for t in stretch)
    )


def _misread_verb(tok: Token) -> bool:
    """'His supporters point out that …': a cue the tagger made a noun, though it has a subject and
    a reported clause of its own."""
    return (
        tok.pos_ == "NOUN"
        and any(c.dep_ == "nsubj" for c in tok.children)
        and any(c.dep_ == "ccomp" for c in tok.children)
    )


def medium_of(verb: Token) -> str | None:
    """'in a Telegram post', 'in an interview', 'on Twitter': the channel a statement used."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in ("in", "on", "via") and c.i > verb.i:
            pobj = next((x for x in c.children if x.dep_ == "pobj"), None)
            if pobj is not None and (pobj.lemma_.lower() in MEDIUM_NOUNS or pobj.ent_type_ in ("ORG", "PRODUCT") and c.lower_ == "on"):
                toks = [t for t in pobj.subtree if t.dep_ != "det"]
                return " ".join(t.text for t in toks)
    return None


MEDIUM_NOUNS = set(
    ["post", "statement", "interview", "tweet", "video", "broadcast", "message", "letter", "speech", "op-ed", "column", "article", "blog", "podcast", "briefing", "conference", "address", "thread", "update", "release", "note", "email"]
)


def _relayed_by(resolver: Resolver, head: Token) -> list[str]:
    """'the officials who spoke to the Gazette' / 'the memo, first published by the Herald': an
    outlet the source spoke to, or that published the document (one merely seen or obtained by a
    newsroom reached us through it directly)."""
    out = []
    for t in head.subtree:
        if t.i == head.i:
            continue
        rec = None
        if t.lemma_ in ("speak", "talk", "tell"):
            rec = addressee(t)
        elif t.lemma_ in ("publish", "reveal", "report") and t.tag_ == "VBN":
            agent = next((c for c in t.children if c.dep_ == "agent"), None)
            rec = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
        if rec is not None:
            name, is_outlet = resolver.recipient(rec)
            if is_outlet:
                out.append(name)
    return out


def _fold_outlet_relays(atts: list[Attribution]) -> list[Attribution]:
    """'X said …, the Herald reported' / 'the memo, as first reported by the Herald, warned …': an
    outlet's report around another attribution is the relay of that attribution (its via), not a
    statement of its own."""
    cues = sorted((a.cue.start, i) for i, a in enumerate(atts) if a.cue is not None and a.source_text is not None)
    starts = [c for c, _ in cues]
    drop: set[int] = set()
    for i, a in enumerate(atts):
        if a.source_type != "media_outlet" or a.cue is None or not a.source:
            continue
        if a.cue.start < a.content.end and not a.cue.text.lower().startswith("as "):
            continue
        lo, hi = bisect_right(starts, a.content.start - 1), bisect_right(starts, a.content.end - 1)
        inner = [j for _, j in cues[lo:hi] if j != i]
        if not inner and a.cue.start >= a.content.end:
            # "X said A, the Herald reported", parsed with the frame on A alone: X's report holds A
            inner = [
                j for j, b in enumerate(atts)
                if j != i and b.cue is not None and b.cue.start < a.content.start
                and b.content.start <= a.content.start and a.content.end <= b.content.end <= a.sentence.end
            ]
            for j in inner:
                b = atts[j]
                b.content = Span(b.content.start, a.content.end, b.content.text[: a.content.end - b.content.start])
        if not inner:
            continue
        for j in inner:
            if a.source.lower() not in {v.lower() for v in atts[j].via}:
                atts[j].via.append(a.source)
        drop.add(i)
    return [a for i, a in enumerate(atts) if i not in drop]


def _fold_according_asides(text: str, atts: list[Attribution]) -> list[Attribution]:
    """'X told the committee that A, according to a transcript': the aside closing a report is how
    that report reached us (its via), not a second statement of A."""
    drop: set[int] = set()
    for i, a in enumerate(atts):
        if a.kind != "according_to" or a.cue is None or not a.cue.text.lower().startswith("according") or not a.source:
            continue
        for j, b in enumerate(atts):
            if j == i or j in drop or b.cue is None or b.kind == "according_to" or b.sentence.start != a.sentence.start:
                continue
            if b.cue.start < a.content.start < a.cue.start <= b.content.end and b.content.start <= a.content.start:
                end = b.content.start + len(text[b.content.start : a.cue.start].rstrip(" ,;–—"))
                b.content = Span.of(text, b.content.start, end)
                if a.source.lower() not in {v.lower() for v in b.via}:
                    b.via.append(a.source)
                drop.add(i)
                break
    return [a for i, a in enumerate(atts) if i not in drop]


def _ordered(a: int, b: int) -> tuple[int, int]:
    """A cue assembled from two tokens: whichever order a broken parse puts them in."""
    return (a, b) if a <= b else (b, a)


def _name_text(text: str, head: Token) -> str:
    """A relay's name: the head with what precedes it ("the Meridian Press Agency"), without the
    clauses that follow it."""
    toks = [t for t in head.subtree if t.i <= head.i and not t.is_punct]
    return _mention_text(text, _contiguous_around(toks, head))


def _mention_text(text: str, toks: list[Token]) -> str:
    if not toks:
        return ""
    return " ".join(text[toks[0].idx : toks[-1].idx + len(toks[-1].text)].split())


def _span_of_tokens(text: str, toks: list[Token]) -> Span | None:
    toks = sorted(toks, key=lambda t: t.i)
    if not toks:
        return None
    return Span.of(text, toks[0].idx, toks[-1].idx + len(toks[-1].text))


def _contiguous_around(toks: list[Token], root: Token) -> list[Token]:
    toks = sorted(toks, key=lambda t: t.i)
    if not toks:
        return toks
    idx = {t.i for t in toks}
    lo = hi = root.i if root.i in idx else toks[0].i
    while lo - 1 in idx:
        lo -= 1
    while hi + 1 in idx:
        hi += 1
    return [t for t in toks if lo <= t.i <= hi]


def _unique(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for s in spans:
        if not any(o.start == s.start and o.end == s.end for o in out):
            out.append(s)
    return out


def _overlaps(h: Span, spans: list[Span]) -> bool:
    return any(h.start < s.end and s.start < h.end for s in spans)


def _dedupe(names: list[str]) -> list[str]:
    out: list[str] = []
    for n in names:
        if n and n.lower() not in {o.lower() for o in out}:
            out.append(n)
    return out


def _widen(sentence: tuple[int, int], content: tuple[int, int], cue: tuple[int, int] | None) -> tuple[int, int]:
    lo, hi = sentence
    lo = min(lo, content[0], cue[0] if cue else lo)
    hi = max(hi, content[1], cue[1] if cue else hi)
    return lo, hi


def extent_chars(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def extract_attributions(doc: Doc, article: Article) -> tuple[list[Attribution], list[Claim]]:
    """Attributions in document order, and the claims (hedged or not) they and the outlet make."""
    ex = Extractor(doc, article)
    ex.find_direct()
    ex.find_according()
    ex.find_evidentials()
    ex.find_verbs()
    ex.find_tails()
    ex.find_nouns()
    attributions = ex.attributions()
    claims = [
        Claim(span=a.content, certainty="denied" if a.polarity == "deny" else "attributed", attribution=i, hedges=list(a.hedges))
        for i, a in enumerate(attributions)
    ]
    claims.extend(ex.hedged_claims(attributions))
    return attributions, claims
