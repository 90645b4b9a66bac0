"""Agreements: which governments cooperate, how, since when, on what.

Each sentence is first read into :class:`SentenceFacts` (cues, places, people,
dates, domains). Then, in text order:

1. A sentence with a cooperation cue and at least two governments that can be
   parties creates a *candidate*. Parties are places named as governments (not
   locations, qualifiers, organisations or the dateline) and the governments of
   officials who sign. "A has sister cities, including B, C and D" makes one
   candidate per partner; a list of parties without such an intro makes one
   multi-party agreement.
2. A candidate merges into an earlier agreement with the same parties when the
   two can be one: the same or an unnamed instrument, compatible dates, and a
   status that agrees (a plan never merges with a fact; an existing tie merges
   into a signing or renewal).
3. A cue sentence with fewer than two parties ("Kerja sama ini meliputi ...",
   "The new agreement will focus on ...") attaches to the agreement it points
   back to and adds domains, a date, a forum, signatories.

Headlines only corroborate: they merge into agreements found in the body but
never create one.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
from dataclasses import dataclass, field

from citygraph.extract.dates import DateMention, best_date
from citygraph.extract.forums import ForumMention
from citygraph.extract.lang import Language
from citygraph.extract.people import PersonMention
from citygraph.extract.places import PlaceMention
from citygraph.extract.text import Sentence
from citygraph.model import Instrument, PartialDate, Place, PlaceKind, Role, Status

#: How specific an instrument name is, when a sentence names several.
_SPECIFICITY = {
    Instrument.MEMORANDUM_OF_UNDERSTANDING: 3, Instrument.LETTER_OF_INTENT: 3,
    Instrument.JOINT_DECLARATION: 3, Instrument.COOPERATION_AGREEMENT: 1, Instrument.UNSPECIFIED: 0,
}
_LEADERS = frozenset({Role.MAYOR, Role.REGENT, Role.GOVERNOR, Role.DEPUTY_MAYOR, Role.DEPUTY_REGENT,
                      Role.DEPUTY_GOVERNOR, Role.MINISTER})


@dataclass
class SentenceFacts:
    """What one sentence says, before agreements are assembled."""

    sentence: Sentence
    places: list[PlaceMention]
    people: list[PersonMention]
    forums: list[ForumMention]
    dates: list[DateMention]
    domains: list[str]
    cooperation: bool = False
    sister: bool = False
    signing: list[int] = field(default_factory=list)
    planned: bool = False
    renewed: bool = False
    tie: bool = False
    since: bool = False
    negated: bool = False  # a denial right before a cue: "belum ada rencana MoU", "did not sign"
    negation_anywhere: bool = False  # "..., namun belum dimasukkan": keeps its domains out
    wish: bool = False  # "berharap ... bisa menjalin kerja sama": no step taken
    anaphora: bool = False
    continuation: bool = False
    list_intro: int | None = None
    sister_at: int | None = None
    instruments: list[tuple[int, Instrument]] = field(default_factory=list)
    generic: list[int] = field(default_factory=list)  # "agreement", "pact": some instrument
    witnesses_from: int | None = None  # "disaksikan X": people after this only witnessed
    witnesses_until: int | None = None  # "X menyaksikan ...": people before this only witnessed
    mentioned: frozenset[str] = frozenset()  # keys of every government named, in any role
    renewal_verb: bool = False
    continues_paragraph: bool = False  # no line break since the previous sentence
    plural: bool = False  # "signed memoranda with two cities": one agreement per partner
    plural_reference: bool = False  # "Ketiga MoU ...", "both agreements ..."
    partner_count: bool = False  # "dengan tiga kota sekaligus", "with three cities"
    original: bool = False  # "MoU pertama", "the original agreement"
    origin_cues: list[int] = field(default_factory=list)  # ends of "since", "pertama": an older date follows
    implied_subject: bool = False  # "He then signed ...", "In 2015 it signed ...": the agent is not named
    speakers: frozenset[int] = frozenset()  # people followed by a reporting verb: sources, not parties

    @property
    def cue(self) -> bool:
        return self.cooperation or self.sister or bool(self.instruments) or bool(self.generic) or (
            bool(self.signing) and self.renewed)

    @property
    def event(self) -> bool:
        """A signing or a renewal happens in this sentence: its date is the agreement's."""
        return bool(self.signing) or self.renewal_verb

    def instrument_is_generic(self) -> bool:
        return not self.instruments and bool(self.generic)

    def instrument(self) -> Instrument:
        """The instrument named nearest a signing verb, else the most specific one."""
        if not self.instruments:
            return Instrument.COOPERATION_AGREEMENT if self.generic else Instrument.UNSPECIFIED
        if self.signing:
            signing = sorted(self.signing)
            return min(self.instruments, key=lambda t: (_distance(signing, t[0]), -_SPECIFICITY[t[1]]))[1]
        return max(self.instruments, key=lambda t: (_SPECIFICITY[t[1]], -t[0]))[1]

    def signers(self) -> list[PersonMention]:
        """Officials in a signing sentence who are not only witnesses."""
        if not self.signing:
            return []
        return [p for p in self.people if not self.witnessing(p.start) and not p.represented]

    def witnessing(self, pos: int) -> bool:
        """Is the article offset ``pos`` inside the sentence's witness clause?"""
        at = pos - self.sentence.start
        return ((self.witnesses_from is not None and at >= self.witnesses_from)
                or (self.witnesses_until is not None and at < self.witnesses_until))


def _distance(ordered: list[int], pos: int) -> int:
    """``min(abs(pos - s) for s in ordered)`` for a sorted, non-empty list, by bisection."""
    k = bisect.bisect_left(ordered, pos)
    return min(abs(pos - ordered[i]) for i in (k - 1, k) if 0 <= i < len(ordered))


@dataclass
class Draft:
    """An agreement being assembled."""

    parties: list[Place]
    instrument: Instrument
    status: Status
    sister: bool
    date: PartialDate | None
    forum: ForumMention | None
    domains: list[str]
    signatories: list[PersonMention]
    sentences: list[int]
    tie: bool = False
    event: bool = False
    weak: bool = False
    generic_instrument: bool = False  # named only as "an agreement": any precise name replaces it
    historical: bool = False  # an earlier agreement the article recalls ("tindak lanjut MoU 2018")
    attached: list[int] = field(default_factory=list)

    @functools.cached_property
    def party_keys(self) -> frozenset[str]:
        return frozenset(p.key for p in self.parties)  # (the parties of a draft never change)


def read_sentence(sentence: Sentence, places: list[PlaceMention], people: list[PersonMention],
                  forums: list[ForumMention], dates: list[DateMention], domains: list[str],
                  lang: Language) -> SentenceFacts:
    """Collect the cues of one sentence."""
    s = sentence.text
    facts = SentenceFacts(sentence, places, people, forums, dates, domains)
    facts.cooperation = bool(lang.cooperation.search(s))
    sister = lang.sister.search(s)
    facts.sister = bool(sister)
    facts.sister_at = sister.start() if sister else None
    facts.signing = [m.start() for m in lang.signing.finditer(s)]
    # a plan word makes the sentence a plan unless it reports a signing the plan does not govern:
    # "will sign", "akan menandatangani", "the signing is expected" are plans; "signed ... after three
    # years of negotiations" and "the MoU, under which X will help, was signed" are signings
    plans = [(m.start(), m.end()) for m in lang.planned.finditer(s)
             if not lang.past_process.search(s, max(0, m.start() - 60), m.end())]
    signings = [(m.start(), m.end()) for m in lang.signing.finditer(s)]

    plan_starts, plan_ends = sorted(a for a, _b in plans), sorted(b for _a, b in plans)

    def governed(sign: tuple[int, int]) -> bool:
        # a plan ending at most 25 characters before the signing or starting at most 25 after it (found by
        # bisection: a long sentence of plans and signings made comparing each pair quadratic)
        return (_any_between(plan_ends, sign[0] - 25, sign[0])
                or _any_between(plan_starts, sign[1], sign[1] + 25))

    facts.planned = bool(plans) and all(governed(g) for g in signings)
    facts.renewed = bool(lang.renewed.search(s))
    facts.tie = bool(lang.tie.search(s))
    since_ends = [m.end() for m in lang.since.finditer(s)]
    facts.since = bool(since_ends)
    facts.negation_anywhere = bool(lang.negation.search(s))
    wish = lang.wish.search(s)
    facts.anaphora = bool(lang.anaphora.search(s))
    facts.continuation = bool(lang.continuation.search(s))
    intro = lang.list_intro.search(s)
    facts.list_intro = intro.start() if intro else None
    instrument_at: set[int] = set()  # (a set, and bisection below: comparing each pair was quadratic)
    for inst, pattern in lang.instruments:
        for m in pattern.finditer(s):
            if m.start() not in instrument_at:
                facts.instruments.append((m.start(), inst))
                instrument_at.add(m.start())
    # an instrument inside a longer one ("perjanjian" in "perjanjian kerja sama") counts once
    facts.instruments.sort()
    instrument_starts = [a for a, _ in facts.instruments]
    facts.generic = [m.start() for m in lang.generic_instrument.finditer(s)
                     if not _any_between(instrument_starts, m.start() - 19, m.start())]
    cue_starts = sorted([m.start() for m in lang.cooperation.finditer(s)] + [m.start() for m in lang.sister.finditer(s)]
                        + instrument_starts + facts.generic + facts.signing)
    facts.negated = (any(_any_between(cue_starts, n.end(), n.end() + 25) for n in lang.negation.finditer(s))
                     or bool(lang.cancelled.search(s)))  # "Rencana penandatanganan MoU ... dipastikan batal"
    facts.wish = bool(wish) and bool(cue_starts) and wish.start() < min(cue_starts)  # a hope before the tie
    speakers = set()
    for person in people:
        after = person.end - sentence.start
        gap = 0
        while 0 <= after + gap < len(s) and s[after + gap] in " ,":  # (not s[after:].lstrip(): a copy per person)
            gap += 1
        if lang.speech.match(s, after + gap):
            speakers.add(id(person))
    facts.speakers = frozenset(speakers)
    witness = lang.witness.search(s)
    facts.witnesses_from = witness.start() if witness else None
    active = lang.witness_verbs.search(s)
    facts.witnesses_until = active.start() if active and not witness else None
    facts.renewal_verb = bool(facts.renewed)
    facts.plural = bool(lang.plural_instrument.search(s))
    facts.plural_reference = bool(lang.plural_reference.search(s))
    facts.partner_count = bool(lang.partner_count.search(s))
    original_ends = [m.end() for m in lang.original.finditer(s)]
    facts.original = bool(original_ends)
    facts.origin_cues = sorted(since_ends + original_ends)
    first_signing = lang.signing.search(s)
    facts.implied_subject = bool(first_signing) and bool(lang.subject_before.search(s[:first_signing.start()]))
    keys = {pm.place.key for pm in places if not pm.qualifier and not pm.dateline}
    keys |= {p.of_place.key for p in people if p.of_place is not None}
    facts.mentioned = frozenset(keys)
    return facts


def _any_between(ordered: list[int], low: int, high: int) -> bool:
    """Is some number of the sorted list ``ordered`` within ``[low, high]``?"""
    k = bisect.bisect_left(ordered, low)
    return k < len(ordered) and ordered[k] <= high


def parties_of(facts: SentenceFacts) -> list[Place]:
    """Governments in the sentence that can be parties, in order of mention.

    Nothing after a witness cue ("disaksikan", "witnessed by") is a party.
    """
    found: list[tuple[int, Place]] = []
    for pm in facts.places:
        if pm.party_eligible and not facts.witnessing(pm.start):
            found.append((pm.start, pm.place))
    people = facts.signers() if facts.signing else [
        p for p in facts.people if not facts.witnessing(p.start) and id(p) not in facts.speakers]
    for person in people:
        place = person.of_place
        if place is not None and place.kind is not PlaceKind.COUNTRY:
            found.append((person.start, place))
    seen: set[str] = set()
    ordered = []
    for _pos, place in sorted(found, key=lambda t: t[0]):
        if place.key not in seen:
            seen.add(place.key)
            ordered.append(place)
    return ordered


def assemble(all_facts: list[SentenceFacts], published: dt.date | None) -> list[Draft]:
    """Build the article's agreements from its sentences (see the module docstring)."""
    drafts: list[Draft] = []
    last_target: Draft | None = None
    last_group: list[Draft] = []  # the agreements the last creating sentence made ("MoU dengan A, B dan C")
    previous: Draft | None = None  # what the previous sentence was about
    pending: list[SentenceFacts] = []
    star_owner: Place | None = None  # the owner of the last list of partners ("has sister cities including")
    for facts in all_facts:
        title = facts.sentence.title
        parties = parties_of(facts)
        # the article's government, read off every agreement so far only where a sentence needs it (at every
        # sentence, that was quadratic in an article of many agreements and sentences)
        home = _Lazy(lambda: _home(drafts))
        if len(parties) == 1 and not title and facts.signing and facts.cue and facts.implied_subject and (
                home() is not None and parties[0].key != home().key):
            parties = [home(), *parties]  # "He then signed a letter of intent with Rotterdam"
        if (star_owner is not None and facts.list_intro is not None and not facts.sister and not facts.signing
                and parties and star_owner.key not in {p.key for p in parties} and not title):
            # "Others include Edinburgh in Scotland and Perth in Western Australia": the list goes on
            for member in parties:
                last_target = previous = _merge(drafts, Draft([star_owner, member], Instrument.UNSPECIFIED,
                                                              Status.SIGNED, True, None, None, [], [],
                                                              [facts.sentence.index], tie=True))
            continue
        signer_parties = {p.of_place.key for p in facts.signers() if p.of_place is not None}
        # "Para penandatangan adalah Bupati A, Bupati B ...": officials of two governments signing
        cue = facts.cue or (bool(facts.signing) and len(signer_parties) >= 2)
        creates = cue and not facts.negated and not (facts.wish and not facts.event and not facts.planned)
        if creates and len(parties) == 2 and _partners_of_another(parties, drafts):
            creates = False  # "hubungan dengan A akan melengkapi kerja sama dengan B": both are C's partners
        if creates and len(parties) >= 2:
            last_group = []
            candidates = _candidates(facts, parties, published, home())
            star_owner = _star_owner(candidates)
            for draft in candidates:
                draft.weak = title
                last_target = previous = _merge(drafts, draft)
                last_group.append(last_target)
            continue
        if title:
            continue
        # an office named without its holder ("di Kantor Gubernur Sumatera Utara") locates, it does not
        # name a party a sentence could point back to
        offices = {pm.place.key for pm in facts.places if pm.title_only}
        target = _attach_target(facts, [p for p in parties if p.key not in offices], drafts, last_target)
        if target is None:
            if facts.cue or facts.continuation or facts.signing:
                pending.append(facts)
            elif (previous is not None and facts.continues_paragraph and not facts.negation_anywhere
                  and facts.mentioned <= previous.party_keys):
                # the paragraph goes on about the same agreement: its scope words count
                previous.domains += [d for d in facts.domains if d not in previous.domains]
                continue
            previous = None
            continue
        previous = target
        split = _split_off(facts, target, published)
        if split is not None:
            if len(drafts) < MAX_AGREEMENTS:
                drafts.append(split)
            last_target = split
            continue
        _attach(facts, target, published)
        if target in last_group and not parties:
            for other in last_group:  # a sentence about the signing of several agreements at once
                if other is not target:
                    _attach(facts, other, published)
        if facts.plural_reference:
            # "Ketiga MoU memiliki ruang lingkup yang sama": the scope is every one's
            for other in drafts:
                if other is not target and not other.tie and other.instrument is target.instrument:
                    _attach(facts, other, published)
        last_target = target
    # sentences before the first agreement ("X kini resmi memiliki kota persahabatan")
    for facts in pending:
        target = _attach_target(facts, parties_of(facts), drafts, None, forward=True)
        if target is not None:
            _attach(facts, target, published)
            if facts.partner_count:
                # "A menandatangani kerja sama dengan tiga kota sekaligus, Rabu (8/11)": every one of them
                keys = {p.key for p in parties_of(facts)}
                for other in drafts:
                    if other is not target and not other.tie and keys and keys <= other.party_keys:
                        _attach(facts, other, published)
    result = [d for d in drafts if not d.weak]
    for draft in result:
        _fallback_signatories(draft, all_facts)
    return result


def _partners_of_another(parties: list[Place], drafts: list[Draft]) -> bool:
    """Are both governments already partners of one same third government in this article?"""
    a, b = parties[0].key, parties[1].key
    partners_a = {k for d in drafts if a in d.party_keys and b not in d.party_keys for k in d.party_keys} - {a}
    partners_b = {k for d in drafts if b in d.party_keys and a not in d.party_keys for k in d.party_keys} - {b}
    return bool(partners_a & partners_b)


class _Lazy:
    """A value computed on first use (the drafts do not change before it is used)."""

    def __init__(self, compute) -> None:
        self._compute, self._done, self._value = compute, False, None

    def __call__(self):
        if not self._done:
            self._value, self._done = self._compute(), True
        return self._value


def _home(drafts: list[Draft]) -> Place | None:
    """The government the article is about: the party of most agreements so far (the first on a tie)."""
    counts: dict[str, int] = {}
    first: dict[str, Place] = {}
    for draft in drafts:
        if draft.weak:
            continue
        for party in draft.parties:
            counts[party.key] = counts.get(party.key, 0) + 1
            first.setdefault(party.key, party)
    if not counts:
        return None
    best = max(counts.values())
    return next(first[k] for k in first if counts[k] == best)


def _star_owner(drafts: list[Draft]) -> Place | None:
    """The common party of a list of bilateral ties made from one sentence, if it is one."""
    if len(drafts) < 2 or any(len(d.parties) != 2 for d in drafts):
        return None
    common = set.intersection(*(set(d.party_keys) for d in drafts))
    return next((p for p in drafts[0].parties if p.key in common), None)


#: How far before a date an origin cue ("since", "pertama") may end for the date to be the origin's.
_ORIGIN_REACH = 30


def _origin_dates(facts: SentenceFacts) -> set[int]:
    """Ids of the dates that origin cues introduce: the first date after each, if close enough."""
    ordered = sorted(facts.dates, key=lambda d: d.start)
    starts = [d.start for d in ordered]
    found = set()
    for end in facts.origin_cues:
        k = bisect.bisect_left(starts, end)
        if k < len(ordered) and ordered[k].start - end <= _ORIGIN_REACH:
            found.add(id(ordered[k]))
    return found


def _candidates(facts: SentenceFacts, parties: list[Place], published: dt.date | None,
                home: Place | None = None) -> list[Draft]:
    status = Status.PLANNED if facts.planned else Status.RENEWED if facts.renewed else Status.SIGNED
    signing_at = facts.signing[0] if facts.signing else None
    date = None
    dates = facts.dates
    if status is Status.RENEWED:
        # "renewing a relationship that began in 1988", "yang pertama kali diteken pada 2002": the date of
        # what is renewed, not of the renewal
        origins = _origin_dates(facts)
        dates = [d for d in dates if id(d) not in origins]
    if (facts.event or facts.since) and status is not Status.PLANNED:  # a plan has no signing date yet
        date = best_date(dates, published, near=signing_at)
    instrument = facts.instrument()
    earlier = _earlier_instrument(facts, parties, instrument, published)
    if earlier and date is not None:
        used = earlier[0].date
        rest = [d for d in facts.dates if best_date([d], published) != used]
        date = best_date(rest, published, near=signing_at) if rest else None
    # an existing relationship stated as a fact ("telah menjadi kota kembar sejak 1997")
    tie = (not facts.signing and status is Status.SIGNED and instrument is Instrument.UNSPECIFIED
           and (facts.tie or facts.since))
    signers = [p for p in facts.signers() if p.of_place is not None and p.of_place in parties]
    forum = facts.forums[0] if facts.forums else None

    def draft(members: list[Place]) -> Draft:
        return Draft(members, instrument, status, facts.sister, date if len(members) == len(parties) else None,
                     forum if len(members) == len(parties) else None,
                     list(facts.domains) if not facts.negated and len(members) == len(parties) else [],
                     [p for p in signers if p.of_place in members], [facts.sentence.index], tie=tie,
                     event=bool(facts.signing) or status is not Status.SIGNED,
                     generic_instrument=facts.instrument_is_generic())

    if facts.sister_at is not None and instrument is Instrument.UNSPECIFIED and (
            facts.list_intro is not None and facts.list_intro > facts.sister_at or len(parties) >= 3):
        # a sister tie joins two governments: "A has sister cities (including) B, C and D" is three ties
        cut = facts.sentence.start + (facts.list_intro if facts.list_intro is not None
                                      and facts.list_intro > facts.sister_at else facts.sister_at)
        members = [pm.place for pm in facts.places if pm.party_eligible and pm.start >= cut]
        owners = [p for p in parties if p not in members]
        if not owners and home is not None and home.key not in {m.key for m in members}:
            owners = [home]  # "The city already has sister ties with A, B and C": the article's city
        elif not owners and len(members) >= 3:
            owners, members = members[:1], members[1:]
        if members and owners:
            owner = owners[-1]
            return [Draft([owner, m], Instrument.UNSPECIFIED, status, True, None, None, [], [],
                          [facts.sentence.index], tie=status is Status.SIGNED)
                    for m in members if m.key != owner.key]
    listed = _listed_partners(facts, parties)
    if listed is not None:
        # "A menandatangani MoU dengan tiga kota, yakni B, C dan D", "A signed memoranda with B and C":
        # one agreement with each partner, sharing the sentence's instrument, status, date and scope
        owner, members = listed
        drafts = []
        for member in members:
            d = draft([owner, member])
            d.date, d.forum = date, forum
            d.domains = list(facts.domains) if not facts.negated else []
            drafts.append(d)
        return drafts
    return [draft(parties)] + earlier


def _listed_partners(facts: SentenceFacts, parties: list[Place]) -> tuple[Place, list[Place]] | None:
    """The owner and partners of a sentence that reports one agreement per partner, if it does."""
    if len(parties) < 3:
        return None
    if facts.plural:
        return parties[0], parties[1:]
    if facts.list_intro is not None:
        cut = facts.sentence.start + facts.list_intro
        before = [pm.place for pm in facts.places if pm.party_eligible and pm.start < cut]
        after = [p for p in parties if p not in before]
        if len(before) == 1 and len(after) >= 2:
            return before[0], after
    return None


def _earlier_instrument(facts: SentenceFacts, parties: list[Place], chosen: Instrument,
                        published: dt.date | None) -> list[Draft]:
    """"signed a cooperation agreement on Tuesday, turning a memorandum of understanding signed in
    November 2022 into ...": a second instrument with its own date is a second agreement."""
    others = [(pos, inst) for pos, inst in facts.instruments if inst not in (chosen, Instrument.UNSPECIFIED)]
    if not others or len(facts.dates) < 2:
        return []
    pos, inst = others[0]
    after = [d for d in facts.dates if d.start > pos]
    date = best_date(after[:1], published) if after else None
    if date is None:
        return []
    return [Draft(list(parties), inst, Status.SIGNED, False, date, None, [], [], [facts.sentence.index], event=True,
                  historical=True)]


def _compatible(a: Draft, b: Draft) -> bool:
    loose = a.generic_instrument or b.generic_instrument
    if (Instrument.UNSPECIFIED not in (a.instrument, b.instrument) and a.instrument is not b.instrument
            and not loose):
        return False
    if a.date and b.date and not _dates_agree(a.date, b.date):
        return False
    if (a.status is Status.PLANNED) != (b.status is Status.PLANNED):
        return False
    return True


def _dates_agree(a: PartialDate, b: PartialDate) -> bool:
    return all(x is None or y is None or x == y for x, y in ((a.year, b.year), (a.month, b.month), (a.day, b.day)))


def _merge(drafts: list[Draft], new: Draft) -> Draft:
    """Merge ``new`` into an agreement it can be one with, else add it.

    A candidate with three or more parties that spans several bilateral agreements of one
    owner ("MoU diteken Wali Kota A bersama Wali Kota B, C dan D" after "A signed MoUs with B, C
    and D") is spread over them.
    """
    if len(new.parties) >= 3:
        parts = [d for d in drafts if len(d.parties) == 2 and d.party_keys < new.party_keys
                 and _compatible(d, new)]
        owners = set.intersection(*(set(d.party_keys) for d in parts)) if len(parts) >= 2 else set()
        if owners:
            for part in parts:
                piece = Draft([p for p in new.parties if p.key in part.party_keys], new.instrument, new.status,
                              new.sister, new.date, new.forum, list(new.domains),
                              [s for s in new.signatories if s.of_place is not None
                               and s.of_place.key in part.party_keys], list(new.sentences), event=new.event,
                              generic_instrument=new.generic_instrument)
                _absorb(part, piece)
            return parts[0]
    for draft in drafts:
        same = draft.party_keys == new.party_keys or (
            new.party_keys < draft.party_keys and len(draft.parties) > 2)
        if same and _compatible(draft, new):
            _absorb(draft, new)
            return draft
    if len(drafts) < MAX_AGREEMENTS:
        drafts.append(new)
    return new


#: At most this many agreements are read from one article: every sentence compares its candidates with
#: every agreement so far, so thousands of them (made-up input, "A dan B menandatangani MoU. C dan D ...")
#: made the article quadratic. A news article reports a handful; a list of sister cities some dozens.
MAX_AGREEMENTS = 200


def _absorb(draft: Draft, new: Draft) -> None:
    if draft.instrument is Instrument.UNSPECIFIED or (draft.generic_instrument and not new.generic_instrument
                                                      and new.instrument is not Instrument.UNSPECIFIED):
        draft.instrument = new.instrument
        draft.generic_instrument = new.generic_instrument
    if new.status is Status.RENEWED:
        draft.status = Status.RENEWED
    draft.sister = draft.sister or new.sister
    if new.date and (draft.date is None or _precision(new.date) > _precision(draft.date)):
        draft.date = new.date
    draft.forum = draft.forum or new.forum
    draft.domains += [d for d in new.domains if d not in draft.domains]
    for person in new.signatories:
        if all(p.name != person.name for p in draft.signatories):
            draft.signatories.append(person)
    draft.sentences += [i for i in new.sentences if i not in draft.sentences]
    draft.tie = draft.tie and new.tie
    draft.event = draft.event or new.event
    draft.weak = draft.weak and new.weak


def _precision(date: PartialDate) -> int:
    return sum(x is not None for x in (date.year, date.month, date.day))


def _attach_target(facts: SentenceFacts, parties: list[Place], drafts: list[Draft], last: Draft | None,
                   forward: bool = False) -> Draft | None:
    """The agreement a sentence with fewer than two parties points back to, if any."""
    if not drafts:
        return None
    if not (parties or facts.continuation or facts.cue or facts.anaphora or facts.signing
            or len(facts.mentioned) >= 2):
        return None  # what every way below ends in, without going through every agreement at each sentence
    visible = [d for d in drafts if not d.weak] or drafts
    if forward:
        visible = [d for d in visible if min(d.sentences) > facts.sentence.index] or visible
    else:
        earlier = [d for d in visible if min(d.sentences) < facts.sentence.index]
        visible = earlier or visible
    keys = {p.key for p in parties}
    named = {inst for _pos, inst in facts.instruments} - {Instrument.UNSPECIFIED}
    if last is not None and last.historical:
        # after a sentence about an earlier agreement, the story returns to the one it reports
        current = [d for d in visible if not d.historical and d.party_keys == last.party_keys]
        last = current[-1] if current else last
    if facts.continuation and last is not None and keys <= last.party_keys and not forward:
        return last
    if len(keys) >= 2:
        matching = [d for d in visible if keys <= d.party_keys]
        return matching[-1] if matching else None
    if not facts.cue and not facts.anaphora and not facts.signing and len(facts.mentioned) >= 2:
        matching = [d for d in visible if len(facts.mentioned & d.party_keys) >= 2]
        if matching:
            return matching[-1]  # the parties named together, without a cue
    if named:
        matching = [d for d in visible if d.instrument in named and (not keys or keys <= d.party_keys)]
        if matching:
            return matching[-1]
    elif facts.generic:
        matching = [d for d in visible if d.instrument is not Instrument.UNSPECIFIED
                    and (not keys or keys <= d.party_keys)]
        agreements = [d for d in matching if d.instrument is Instrument.COOPERATION_AGREEMENT]
        if matching:
            # "the agreement" points at an instrument, not at a bare tie; an agreement before a memorandum
            return (agreements or matching)[-1]
    if keys:
        matching = [d for d in visible if keys <= d.party_keys]
        if matching and (facts.cue or facts.anaphora):
            return matching[-1] if not forward else matching[0]
        return None
    if facts.continuation and last is not None:
        return last
    if facts.cue or facts.anaphora or facts.signing:
        return last if last is not None and not forward else (visible[0] if forward else visible[-1])
    return None


def _split_off(facts: SentenceFacts, target: Draft, published: dt.date | None) -> Draft | None:
    """"... tindak lanjut dari LoI yang sudah diteken kedua daerah pada April 2010": an earlier,
    different instrument signed by the same governments is an agreement of its own."""
    named = [inst for _pos, inst in facts.instruments if inst is not Instrument.UNSPECIFIED]
    inst = facts.instrument()
    earlier_instrument = (facts.anaphora and target.instrument is not Instrument.UNSPECIFIED
                          and inst is not target.instrument)
    # "Kedua kota menandatangani perjanjian baru ...": a signing after a tie that already existed
    new_after_tie = target.tie and target.date is not None
    # "... dimulai dengan penandatanganan MoU pertama pada 2014": the original of a renewal
    original = facts.original and target.status is Status.RENEWED
    if original and facts.signing and (named or facts.generic):
        date = best_date(facts.dates, published, near=facts.signing[0])
        if date is not None and (target.date is None or date != target.date):
            return Draft(list(target.parties), inst if inst is not Instrument.UNSPECIFIED else target.instrument,
                         Status.SIGNED, target.sister, date, None, [], [], [facts.sentence.index], event=True,
                         historical=True)
    if not (facts.signing and (named or facts.generic) and (earlier_instrument or new_after_tie)
            and inst is not Instrument.UNSPECIFIED):
        return None
    date = best_date(facts.dates, published, near=facts.signing[0])
    if date is None or (target.date is not None and _dates_agree(date, target.date)):
        return None
    return Draft(list(target.parties), inst, Status.RENEWED if facts.renewed else Status.SIGNED, facts.sister,
                 date, facts.forums[0] if facts.forums else None,
                 [] if facts.negation_anywhere else list(facts.domains),
                 [p for p in facts.signers() if p.of_place in target.parties], [facts.sentence.index], event=True,
                 historical=not target.tie)


def _attach(facts: SentenceFacts, target: Draft, published: dt.date | None) -> None:
    target.attached.append(facts.sentence.index)
    if not facts.negation_anywhere:
        target.domains += [d for d in facts.domains if d not in target.domains]
    if facts.forums and target.forum is None and (facts.cue or facts.signing):
        target.forum = facts.forums[0]
    if (facts.event or facts.since) and target.date is None and target.status is not Status.PLANNED:
        target.date = best_date(facts.dates, published, near=facts.signing[0] if facts.signing else None)
    if facts.signing and facts.instruments and (target.instrument is Instrument.UNSPECIFIED
                                                or target.generic_instrument):
        target.instrument = facts.instrument()
        target.generic_instrument = False
        target.tie = False
    if facts.signing:
        target.event = True
        for person in facts.signers():
            if person.of_place is not None and person.of_place in target.parties and all(
                    p.name != person.name for p in target.signatories):
                target.signatories.append(person)
    if facts.sister and (facts.cue or facts.anaphora):
        target.sister = True


def _fallback_signatories(draft: Draft, all_facts: list[SentenceFacts]) -> None:
    """A signed event with no named signer: the parties' leaders named beside it represented them."""
    if draft.signatories or draft.tie or draft.status is Status.PLANNED or not draft.event:
        return
    for index in sorted(draft.sentences + draft.attached):
        facts = all_facts[index]
        for person in facts.people:
            if facts.witnessing(person.start):
                continue
            if person.role in _LEADERS and person.of_place in draft.parties and all(
                    p.name != person.name for p in draft.signatories):
                draft.signatories.append(person)
