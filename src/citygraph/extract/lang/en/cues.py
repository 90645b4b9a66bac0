"""English cue words for cooperation, status, reference and place roles (regexes)."""

from __future__ import annotations

COOPERATION: tuple[str, ...] = (
    r"cooperat(?:e|ion|ing)", r"co-operat(?:e|ion|ing)", r"partnerships?", r"partners?",
    r"ties", r"relationship", r"relations", r"work together", r"working together",
    r"collaborat(?:e|ion|ing)", r"agreed", r"pledged?", r"link(?:s|ing)", r"twinning",
)

SISTER: tuple[str, ...] = (
    r"sister[- ]?cit(?:y|ies)", r"sister[- ]provinces?", r"sister[- ]states?", r"sister[- ]prefectures?",
    r"sister[- ]regions?", r"friendship[- ]cit(?:y|ies)",
    r"sister(?: or friendship)? (?:ties|relationships?|links)", r"friendship (?:ties|relationships?|links|agreements?)",
    r"twin(?:ning)? (?:ties|relationships?|links)",
    r"twin(?:ned)? (?:cit(?:y|ies)|towns?)", r"twinning", r"friendship cit(?:y|ies)", r"twinned",
)

SIGNING: tuple[str, ...] = (
    r"sign(?:s|ed|ing)?", r"inked", r"initialled", r"sealed", r"concluded", r"pledged", r"signator(?:y|ies)",
    r"put (?:their|his|her) names? to",
)

PLANNED: tuple[str, ...] = (
    r"will", r"would", r"plans?", r"planned", r"planning", r"to sign", r"is expected to",
    r"are expected to", r"expected to", r"proposed", r"propose", r"intends?", r"negotiat(?:e|ing|ions)",
    r"explore", r"exploring", r"upcoming", r"next month", r"next year", r"set to", r"aims? to",
    r"in talks", r"prepares?", r"finali[sz]es?",
    # the progressive only with its auxiliary: "signed an MoU, finalising two years of work" is no plan
    r"(?:is|are|was|were)(?: now| still)? (?:preparing|finali[sz]ing|drafting)",
)

#: A negotiation named after these is over ("After negotiations, X and Y signed"): no plan.
AFTER: tuple[str, ...] = (r"after", r"following")

#: Plan words that name a process, which AFTER puts in the past.
PROCESS_PLANS: tuple[str, ...] = (r"negotiations?", r"talks")

RENEWED: tuple[str, ...] = (
    r"renew(?:s|ed|ing|al)?", r"extend(?:s|ed|ing)?", r"extension", r"re-signed", r"resigned",
    r"reaffirm(?:s|ed|ing)?", r"updated",
)

TIE: tuple[str, ...] = (
    r"ha(?:ve|s|d) been", r"includ(?:e|es|ing)", r"existing", r"long-standing", r"longstanding",
    r"since", r"for (?:more than |almost |nearly |over )?(?:\w+ )?(?:years|decades)",
)

ORIGINAL: tuple[str, ...] = (r"first", r"original", r"initial", r"earlier", r"previous", r"began with", r"started with")

SINCE: tuple[str, ...] = (
    r"since", r"established in", r"began in", r"started in", r"dat(?:es|ed|ing) back to", r"go(?:es)? back to",
)

CANCELLED: tuple[str, ...] = (
    r"cancel(?:led|ed|s)?", r"cancellation", r"called off", r"scrapped", r"shelved", r"abandoned", r"collapsed",
)

WISH: tuple[str, ...] = (
    r"hope[sd]?", r"hoping", r"wish(?:es|ed)?", r"would like", r"would love", r"one day", r"dream",
    r"wants? to", r"wanted to", r"could one day", r"someday",
)

NEGATION: tuple[str, ...] = (
    r"no plans?", r"not", r"never", r"without", r"cancel(?:led|ed)", r"scrapped", r"whether",
    r"rather than",
)

ANAPHORA: tuple[str, ...] = (
    r"(?:the|both) (?:two |three )?(?:cities|sides|governments|municipalities|provinces|regions|councils|mayors|parties|partners)",
    r"(?:the|this|that) (?:new |renewed |fresh )?(?:agreement|memorandum|mou|letter|deal|pact|partnership|declaration|accord|renewal)",
    r"(?:the|this|their) (?:sister city )?(?:ties|relationship|cooperation|partnership)",
)

CONTINUATION_STARTS: tuple[str, ...] = (r"he", r"she", r"they", r"it", r"the mayor", r"the governor", r"the city")

LIST_INTRO: tuple[str, ...] = (r"including", r"includes?", r"such as", r"namely", r"among them")

#: Words between a locative and its place that leave it locative: "in the City of Darwin".
LOCATIVE_SKIP: tuple[str, ...] = ("the",)

LOCATIVE: tuple[str, ...] = (r"in", r"at", r"to", r"from", r"across", r"near", r"around", r"visit(?:ed|ing)?")

#: "his counterpart from Changwon": the place is the other party, though "from" usually locates.
COUNTERPART_BEFORE: tuple[str, ...] = (r"counterparts? (?:from|of|in)",)

GOVERNMENT_BEFORE: tuple[str, ...] = (
    r"government of(?: the)?", r"city of", r"municipality of", r"state of", r"province of", r"republic of",
    r"city government of", r"city council of", r"municipal council of", r"state government of",
)

GOVERNMENT_AFTER: tuple[str, ...] = (
    r"city council", r"municipal council", r"city government", r"metropolitan government",
    r"prefectural government", r"provincial government", r"regency government", r"county council",
    r"government", r"state government", r"regional council", r"council", r"administration",
)

#: The word right before a place that can be a party (see the id module).
PARTY_BEFORE: tuple[str, ...] = (
    "and", "or", "with", "between", "among", "including", "includes", "include", "as", "namely", "partner",
    "city", "cities", "town", "towns", "municipality", "county", "province", "prefecture", "regency", "state",
    "besides", "both", "its", "their", "twinned", "twin",
    # a clause starts: its subject can be a party
    "after", "before", "when", "since", "because", "while", "although", "as", "once", "where", "now",
)

#: Passive agents: a government after these is a party when a signing or renewal verb comes right
#: before ("signed by Darwin and Ambon"), not otherwise ("a forum hosted by Seoul", "by 2025").
AGENT_BEFORE: tuple[str, ...] = ("by",)

#: "of" counts as a party position only after these.
OF_HEADS: tuple[str, ...] = (
    "city", "cities", "town", "towns", "municipality", "mayor", "mayors", "government", "governments",
    "province", "prefecture", "regency", "state", "governor", "governors", "people", "council",
)

SENTENCE_OPENERS: tuple[str, ...] = (
    "the", "a", "an", "both", "during", "under", "after", "before", "with", "in", "at", "for",
    "besides", "apart", "like", "as", "while", "when", "officials", "photo", "city", "mayor",
)

SPEECH: tuple[str, ...] = (
    r"said", r"says", r"told", r"added", r"explained", r"noted", r"stated", r"announced", r"hoped", r"admitted",
)

AND: tuple[str, ...] = (r"and", r"&")
