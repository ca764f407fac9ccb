"""Classify any interview question by type and competencies, with the cues that decided it."""

from __future__ import annotations

import functools
import heapq
import itertools
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from nextround.coach.bank import (
    COMPETENCIES,
    QUESTION_TYPES,
    Phrasing,
    load_bank,
    load_phrasings,
)

# Text without a single known word or cue gets this type with confidence 0.0 rather than an
# error: callers classify whatever a user typed and should never have to catch anything.
FALLBACK_TYPE = "background"

# How much the word model counts against the hand-written cues: the cues carry the
# explanation, the word model breaks ties and covers wording no cue anticipated.
MODEL_WEIGHT = 0.2
# Additive smoothing of the word model's counts: below 1 because most features are rare word
# pairs, and add-one smoothing drowns what a single sighting of a pair says.
SMOOTHING = 0.2
# Scores are turned into a confidence with a softmax at this temperature.
TEMPERATURE = 1.5
# With sentence embeddings (the `semantic` extra), the nearest labelled questions by meaning
# vote too: each of the NEIGHBOURS closest adds MEANING_WEIGHT x its cosine to its own type, and
# the word model counts a little more. Chosen on phrasings the cues were not written from
# (docs/question-bank.md): cues and words alone 75%, with the vote 84%.
NEIGHBOURS = 5
MEANING_WEIGHT = 1.0
MODEL_WEIGHT_WITH_MEANING = 0.3
# The same neighbours vote for their competencies (COMPETENCY_MEANING_WEIGHT x cosine each) beside
# the competency cues (one vote a hit); a competency needs COMPETENCY_MIN_VOTE, and at most
# MAX_COMPETENCIES_WITH_MEANING are kept. On phrasings no cue was written from, competency F1
# rose from 0.42 to 0.51 (docs/question-bank.md).
COMPETENCY_MEANING_WEIGHT = 0.5
COMPETENCY_MIN_VOTE = 0.5
MAX_COMPETENCIES_WITH_MEANING = 2


@dataclass(frozen=True)
class Classification:
    type: str
    confidence: float  # 0-1
    competencies: tuple[str, ...]
    evidence: tuple[str, ...]  # the cues and words that decided it, best first


@dataclass(frozen=True)
class Neighbour:
    """A labelled question close in meaning to the one being classified."""

    text: str
    type: str
    similarity: float  # cosine of the two sentence vectors
    competencies: tuple[str, ...] = ()


def nearest(
    similarities: Sequence[float], examples: Sequence[Phrasing], k: int = NEIGHBOURS
) -> tuple[Neighbour, ...]:
    """The k labelled examples with the highest similarity, closest first."""
    if len(similarities) != len(examples):
        raise ValueError("one similarity per example is needed")
    order = heapq.nsmallest(k, range(len(examples)), key=lambda i: (-similarities[i], i))
    return neighbours_at([(i, similarities[i]) for i in order], examples)


def neighbours_at(
    found: Sequence[tuple[int, float]], examples: Sequence[Phrasing]
) -> tuple[Neighbour, ...]:
    """Neighbours from (index into examples, similarity) pairs, in the order given."""
    return tuple(
        Neighbour(examples[i].text, examples[i].type, similarity, examples[i].competencies)
        for i, similarity in found
    )


@dataclass(frozen=True)
class _Cue:
    label: str
    pattern: re.Pattern[str]
    weight: float


def _cues(table: dict[str, list[tuple[str, float]]]) -> dict[str, tuple[_Cue, ...]]:
    return {
        key: tuple(_Cue(key, re.compile(rf"\b(?:{pattern})\b"), weight) for pattern, weight in rows)
        for key, rows in table.items()
    }


# Patterns run over lower-cased text with straight apostrophes, written from the bank's wording
# and common interview phrasing. Weights: 3-4 for wording that all but settles the type, 1.5-2.5
# for a strong hint, 0.5-1 for a hint that often misleads on its own.
TYPE_CUES = _cues(
    {
        "background": [
            (r"tell (?:me|us) (?:a (?:bit|little) )?about yourself", 4.0),
            (r"(?:walk|talk|take) (?:me|us) through your (?:cv|resume|career|background)", 3.0),
            (
                r"your (?:cv|resume|background|career (?:path|so far|to date)|education|"
                r"employment history)",
                1.5,
            ),
            (r"summar(?:y|ise|ize)", 1.0),
            (
                r"your (?:current|present|last|previous|first) (?:role|job|position|employer|"
                r"manager)",
                1.0,
            ),
            (r"(?:previous|past|last|first) (?:jobs?|roles?|employers?)", 1.0),
            (r"responsib(?:le|ilities)|direct reports", 1.5),
            (r"strengths?|weakness(?:es)?", 1.5),
            (r"achievements?|achieved|accomplish\w*|proud(?:est)? of", 1.5),
            (r"education|qualifications?|studying|studied|degree|university", 1.5),
            (r"gap in|career break", 2.0),
            (r"how did you get into|line of work", 2.0),
            (r"(?:manager|colleagues|team|boss) (?:would )?describe you", 2.0),
            (r"experience (?:\w+ ){0,3}(?:of|in|as|with)|proficient|familiar with", 1.5),
            (
                r"(?:areas?|things?) (?:\w+ ){0,3}(?:to|need to) (?:develop|improve|work on)|"
                r"development areas?|areas? (?:for|of) (?:improvement|development)",
                2.0,
            ),
            (r"(?:currently|presently) working on|working on (?:at the moment|right now)", 2.0),
            (
                r"what (?:kind|sort|type) of \w+ (?:have you|do you) (?:\w+ )?(?:taught|deal|"
                r"dealt|handle|handled|manage|managed|work|worked|look after|support)",
                2.0,
            ),
            (r"got you into|what led you (?:in)?to", 2.0),
            (
                r"placement|internship|work experience|weakest|weak (?:spot|area)|how's your|"
                r"how (?:good|strong) is your|professional bod(?:y|ies)|chartered|registered with|"
                r"what (?:do|did) you actually do|what you did (?:in|at)|"
                r"what did you do (?:in|at) your|would your (?:team|manager|colleagues|staff) say",
                2.0,
            ),
            (r"why did you (?:leave|move)|looking to leave", 2.0),
            (r"typical day|day to day", 1.0),
            (r"outside (?:of )?work|performance review|appraisal", 1.5),
            (r"(?:skills|tools|systems) (?:would you bring|have you used)", 1.5),
            (r"(?:largest|biggest) (?:team|budget)", 1.0),
            (r"(?:did|has) (?:your|that) [\w ]+ teach you|have you learned in", 1.0),
            (r"expertise|specialism|languages do you speak|report to now|reports to you", 2.0),
            (r"organisations have you worked|worked for\?|how many years|years of experience", 2.0),
            (r"from a [\w ]+ role into|move from [\w ]+ into", 1.5),
            (r"hobbies|spare time|free time|interests outside", 2.5),
            (
                r"(?:colleagues?|friends?|referees?|references|boss|team) "
                r"(?:would )?(?:describe|say)",
                1.5,
            ),
            (r"(?:past|former|previous) (?:colleagues?|managers?)|good at\b", 1.0),
            (r"(?:industries|sectors|companies) have you worked|structure of your", 2.0),
            (r"out of work|time off work|unemployed|freelance|self.employed", 2.0),
            (r"made you (?:go|get) into|your professional background", 2.0),
            (
                r"introduce yourself|employment history|career to date|"
                r"(?:run|take) (?:me|us) through your",
                3.0,
            ),
            (
                r"your (?:degree|dissertation|studies|apprenticeship|schooling|main duties|"
                r"job title)",
                2.0,
            ),
            (
                r"pastimes|weekends|when you're not working|in your own time|volunteer\w*|"
                r"voluntary|community work",
                2.0,
            ),
        ],
        "motivation": [
            (r"why (?:do|would) you (?:want|like) to", 3.0),
            (r"why (?:have|did) you appl(?:y|ied)|made you (?:apply|respond)", 3.0),
            (r"why (?:this|us)\b", 2.0),
            (r"what (?:attracts|attracted|appeals|interests|excites|motivates|drives|drew)", 2.5),
            (r"where (?:do|would) you see yourself", 3.0),
            (r"career (?:goals?|plan)|long.term", 2.0),
            (r"looking for in (?:your|a|the) next|your next (?:job|role|move)", 1.5),
            (r"enjoy (?:most|doing)|passionate|excites?|excited you|exciting about", 1.5),
            (r"why (?:are you|you're) (?:applying|looking)|found out about (?:us|our)", 2.5),
            (
                r"annual report|what did you make of our|our (?:latest|recent)|"
                r"(?:pulls|draws|drew) you (?:to|towards)|of all (?:industries|sectors|places|"
                r"companies|jobs|careers)|(?:kinds of )?(?:jobs|roles) have you been looking|"
                r"why (?:move|switch|change) (?:into|to)|happy to travel|travel to our",
                2.5,
            ),
            (
                r"career change|change of career|switch(?:ing)? (?:careers?|sectors?|industries)|"
                r"willing to travel|travel (?:for|as part)",
                2.0,
            ),
            (
                r"know about (?:the|this) (?:company|organisation|organization|business|firm|"
                r"charity|trust|school|role)|what we do",
                2.0,
            ),
            (r"know about (?:us|our)", 2.0),
            (r"ideal (?:job|role|employer)|in an employer", 2.0),
            (r"change careers?|give up a", 1.5),
            (r"stay with us|expect to stay", 1.5),
            (r"interests? you", 1.5),
            (r"where else have you applied", 2.0),
            (r"brings? out the best|relocat\w+|drives you|miss most", 2.0),
            (r"help you grow|build your career|this move|choose an offer from us", 2.0),
            (r"why (?:would|do|did) you (?:move|leave|give up)|why give up", 2.5),
            (r"motivat\w*|ambitio\w+|ambitious", 2.0),
            (r"brings you (?:here|to)|why leave\b|next (?:career )?(?:step|move)|career move", 2.0),
            (r"(?:next|coming) (?:few|five|ten) years|in (?:five|ten|three) years", 1.5),
            (r"what (?:first )?drew you|out of bed|why a career in|hope to get out of", 2.5),
            (r"what (?:first |originally )?(?:attracted|drew) you", 1.0),
            (r"appeals? to you|look(?:ing)? (?:for|around for) something new", 2.0),
        ],
        "behavioural": [
            (
                r"(?:hardest|toughest|most difficult|biggest|worst) (?:\w+ )?(?:decision|"
                r"challenge|mistake|problem|setback|conflict|situation|call) (?:you've|you have|"
                r"you) (?:ever )?(?:had|made|faced|dealt|handled|taken|overcome)",
                2.5,
            ),
            (r"when did you last|the last time you|most recent (?:time|example)", 2.5),
            (
                r"(?:most|least) \w+ (?:\w+ )?(?:you've|you have) ever|how did you get through|"
                r"what happened\b",
                2.0,
            ),
            (r"tell (?:me|us) about (?:a|an|the) (?:time|occasion|situation|moment)", 4.0),
            (r"tell (?:me|us) about (?:a|an|the|when|someone|something)\b", 1.5),
            (r"(?:give|share)(?: me| us)? an? example", 3.0),
            (
                r"(?:describe|recall|talk (?:me|us) through|walk (?:me|us) through) (?:a|"
                r"an) (?:time|occasion|situation|moment)",
                3.5,
            ),
            (r"describe (?:a|an|the) \w+ (?:you|when|where|in which)", 1.5),
            (
                r"recall (?:a|an|the|one|when)|(?:think (?:back )?(?:of|to)|remember) (?:a|an|"
                r"one) (?:time|occasion|situation|moment|project|day|example)",
                2.5,
            ),
            (r"describe how you (?:handled|dealt|managed)|when have you|have you ever had to", 2.5),
            (r"(?:a|the) time (?:you|when)|an occasion|in which you", 2.0),
            (
                r"you (?:had to|have had to|led|handled|delivered|made|introduced|used|faced|"
                r"took|received)",
                1.0,
            ),
            (r"how you (?:resolved|handled|dealt with|managed) it", 2.0),
            (r"how did you (?:act|respond|handle|deal|react|recover)", 2.0),
        ],
        "situational": [
            (r"what would you do (?:if|when)|what do you do (?:if|when)", 3.0),
            (
                r"how would you (?:handle|react|respond|deal|approach|cope|tackle|go about|"
                r"prioriti[sz]e|introduce|step in)",
                2.5,
            ),
            (r"what steps would you take", 2.0),
            (r"(?:suppose|imagine) (?:that |you|a|an|the)", 3.0),
            (
                r"imagine|picture (?:this|the scene|yourself)|let's say|say (?:that )?you|"
                r"hypothetically|what's your (?:next|first) (?:move|step)",
                1.5,
            ),
            (
                r"if (?:you|a|an|the|your)(?: \w+)? (?:were|was|found|noticed|discovered|saw|"
                r"asked|fell|joined|took|realised|inherit|had|kept|failed)",
                1.0,
            ),
            (r"what happens next|how do you respond|what do you do\?", 1.5),
            (
                r"what's your plan|where would you (?:look|start)|you've (?:been|just) (?:told|"
                r"asked|found|discovered|noticed|realised)|you're (?:\w+ ){0,3}(?:down|short|"
                r"behind|late|halfway|midway)",
                2.0,
            ),
        ],
        "technical": [
            (
                r"(?:explain|what is|what's|what are) the differences? between|difference between",
                4.0,
            ),
            (
                r"explain (?:how|what|why|the)|how (?:does|do) (?:a |an |the )?[\w-]+(?: [\w-]+)? "
                r"work",
                3.0,
            ),
            (r"what (?:does|do) [\w ]+ (?:involve|require|mean) (?:of|when|for|in)\b", 2.0),
            (
                r"how (?:do|would) you (?:calculate|design|value|forecast|measure|scale|"
                r"structure|set up|debug|test|reconcile|account|model|segment|plan|recogni[sz]e|"
                r"prevent|check|build|reduce|improve|decide on)",
                2.0,
            ),
            (r"(?:talk|walk) (?:me|us) through (?:how|a|an|the) (?!time|situation|occasion)", 1.0),
            (
                r"code|coding|software|database|sql|query|index|api|algorithm|debug\w*|"
                r"production|system|cloud|hosting|concurren\w+|race condition|web|version control|"
                r"git|memory|leak|program\w*|server|deploy\w*",
                1.5,
            ),
            (
                r"valuation|cash flow|financial statements?|balance sheet|month.end|variance|"
                r"accounting|accounts?|revenue|depreciation|audit\w*|accru\w+|prepayment\w*|"
                r"ledger|margin|ebitda",
                1.5,
            ),
            (r"patients?|medication|infection|clinical|ward|dispens\w+|prescription|drug", 1.5),
            (
                r"lessons?|pupils?|teaching|classroom|differentiat\w+|safeguarding|assessment to",
                1.5,
            ),
            (r"campaign|marketing|search traffic|organic|segment\w*|customer base|brand", 1.5),
            (
                r"tolerances?|machin\w+|root.cause|design standards?|safety regulations|lean|"
                r"construction|critical activity",
                1.5,
            ),
            (
                r"capacity|staffing|key performance indicators|kpis?|metrics?|warehouse|"
                r"delivery network|logistics|inventory|forecast\w*",
                1.5,
            ),
            (r"sales pipeline|pipeline|qualify|discount", 1.5),
            (
                r"gdpr|legislation|statut\w+|tribunal|case law|due diligence|litigation|"
                r"haccp|food safety|allergens?|stock (?:control|rotation)|merchandis\w+|footfall|"
                r"shrinkage|procurement|freedom of information|wireframes?|usability|accessibility|"
                r"typography|critical path|gantt|agile|scrum|waterfall|earned value|payroll|"
                r"absence management|grievance|triage|sepsis|care plans?|observations|refactor\w*|"
                r"legacy|unit tests?|troubleshoot\w*|dns|network|laboratory|lab|"
                r"good \w+ practice|limitation periods?|negligence|tort|collective consultation|"
                r"redundanc(?:y|ies)|unit of work|key stage|curriculum|scheme of work",
                1.5,
            ),
            (r"data|experiment|statistic\w*|predictive model|model's|sample", 1.0),
            (
                r"which (?:methods?|tools?|tests?|standards?|techniques?|regulations?) (?:would|"
                r"have|do)",
                2.0,
            ),
            (
                r"disciplinary|employment law|contract|data breach|methodolog\w+|"
                r"project management methods|risk assessment|health and safety",
                1.5,
            ),
        ],
        "culture-fit": [
            (r"culture|cultural", 3.0),
            (
                r"(?:kind|type|sort) of (?:working )?(?:environment|workplace|team|people|"
                r"organisation|company|colleague)",
                2.5,
            ),
            (r"environment|workplace", 1.5),
            (r"(?:do|would) you prefer|work better with|more comfortable", 2.5),
            (r"how do you feel about working|how comfortable are you", 2.0),
            (r"(?:our|company|your|shared) values|mission|balance work|work.life", 2.0),
            (r"(?:like|prefer) to (?:be managed|receive|work|celebrate|share)", 2.5),
            (r"colleagues?|alongside you|remotely|worked together", 1.0),
            (r"(?:management|working) style|structure|autonomy|consensus|fit into", 2.0),
            (r"inclusive|role do you usually play|in a team\b", 1.5),
            (r"early.stage|start.?up|lack of process|flat structure", 2.0),
            (r"work best (?:in|for|with|when)|atmosphere|team player|time zones", 2.0),
            (r"(?:in|to) the office|office (?:\w+ )?days|hybrid|face to face", 2.0),
            (r"team socials|social events|work and home|switch off|unwind", 2.0),
            (
                r"belong\w*|fit in\b|speak up|in meetings|how does that (?:strike|sound to) you|"
                r"one of (?:many|a few|three|two)|a bit of everything",
                2.0,
            ),
            (
                r"(?:great|best|ideal|perfect) (?:team|manager|boss|colleague)|recognition|"
                r"recognised|(?:big|bigger|large|larger|small|smaller) (?:team|company|"
                r"organisation|firm)|pace",
                2.0,
            ),
            (
                r"(?:usually|typically|normally|generally|tend to) (?:\w+ )?(?:handle|deal|"
                r"approach|work|prefer|like)",
                1.5,
            ),
        ],
        "tricky": [
            (r"if you were an? [\w-]+|if you could (?:have|be)", 3.5),
            (r"how many [\w ]+ (?:are there|would fit|fit in)", 4.0),
            (
                r"why (?:shouldn't|should not) (?:we|i)|convince me|take the risk|"
                r"why should we expect",
                3.0,
            ),
            (r"overqualified|superpower|desert island|manhole", 3.5),
            (r"dismissed|fired|sacked|lied|regret", 3.0),
            (r"worst|dislikes? you|wrong with|did not succeed|younger", 2.5),
            (
                r"not on your cv|isn't on it|hoping i would not|not very convincing|one sentence",
                3.0,
            ),
            (r"interview is going|last book|three things|why are [\w ]+ round", 2.5),
            (
                r"aren't you|haven't you|isn't it|don't you think|(?:didn't|doesn't|wasn't|won't|"
                r"can't|couldn't) (?:you|that|it)",
                2.5,
            ),
            (
                r"who would win|fight between|superhero|giraffe|zombies?|aliens?|time machine|"
                r"dinner with|(?:fit|get) an? \w+ (?:in|into)",
                3.5,
            ),
            (
                r"drives? you (?:up the wall|mad|crazy|nuts)|annoys you|gets on your nerves|"
                r"pet peeve|(?:reason|why) you might fail|fail in this role|might not work out|"
                r"(?:fine|ok|okay|right) to break|break (?:a|the) rules?|jump before|pushed",
                3.0,
            ),
            (r"change about our|progressed further|every year or so", 2.0),
            (r"counter.offer", 3.0),
            (r"out of ten|if your life|unusual|angry|weakest reference", 3.0),
            (r"would you rather", 2.0),
            (
                r"how (?:much|heavy|tall|long|far) (?:does|is|would) [\w ]+ (?:weigh|be)\b|"
                r"\bweigh\?",
                3.0,
            ),
            (r"to a (?:child|\w+.year.old)", 3.0),
            (
                r"how many [\w ]+ (?:in (?:a|one) (?:day|year)|in (?:the|this) (?:world|country|"
                r"city|uk|town)|pass through)",
                3.5,
            ),
            (r"explain [\w ]+ to (?:a|an|someone|somebody)", 3.0),
            (r"greatest fear|afraid of|famous person|last person on|surprise (?:your|people)", 3.5),
            (r"(?:were|been|got) let go|embarrass\w*|controversial|unpopular opinion", 3.0),
            (r"how much would you charge|isn't that|think of me|of me as an interviewer", 3.0),
            (r"dislike(?:d)? about|not want to work with you", 2.5),
            (r"be honest|honestly|to be frank|enemies|harshest|let you go|moved around", 2.5),
            (r"get bored|make me laugh|tell me a joke|million (?:pounds|dollars)|lottery", 3.5),
            (r"sell me (?:this|that|the|a|an)|in one word|one word", 3.5),
            (
                r"(?:don't|do not) (?:you )?like about|worst thing you've heard|"
                r"rate (?:this|the|our) interview|this interview so far",
                3.0,
            ),
        ],
        "salary-notice": [
            (r"salary|salaries|pay|paid|earn(?:ing|ings)?|compensation|remuneration", 4.0),
            (r"package|bonus|pension|commission|equity|share options|benefits", 3.0),
            (r"notice(?: period)?|garden leave|restrictive covenants?|non.compete", 4.0),
            (r"(?:when|how soon) could you start|start sooner|start date", 4.0),
            (r"(?:daily|day|hourly) rate|pro.rata|overtime|relocation costs", 3.5),
            (r"the figure|budget for this role|at what level|minimum", 2.0),
            (r"holidays? booked|would you accept", 2.0),
            (r"(?:when|how soon) (?:could|can) you (?:start|join)|available to start", 4.0),
            (r"earliest (?:you|date)|you could (?:start|join)|availability to start", 4.0),
            # A sum of pay, never a budget held ("a £2.1m budget", "£40 million programme").
            (
                r"\d+k|thousand|(?<=[£$€])"
                # "the departmental budget of around £48,000" is money held, not pay.
                r"(?<!budget of [£$€])(?<!budget of around [£$€])(?<!budget of about [£$€])"
                r"(?<!budget of roughly [£$€])(?<!budget of over [£$€])(?<!budget of some [£$€])"
                r"\d[\d,.]*k?(?![\d,.]*\s*(?:m|bn|million|billion)\b)"
                r"(?![\d,.]*\s*(?:k\s+)?(?:budget|programme|project|contract|turnover|spend))",
                3.0,
            ),
            (r"hours (?:a|per) week|part.time|full.time|permanent or|contract basis", 2.5),
            (
                r"(?:pay|salary) band|(?:the|our|this|that) band\b(?! \d)|pay scale|tops out|"
                r"fte|umbrella|ir35|limited company|"
                r"invoice|probation\w*|restrictive|non.solicit\w*|approaching (?:your )?"
                r"(?:current )?clients|looking for around",
                3.0,
            ),
            (
                r"\d+.hour|work(?:ing)? (?:weekends|nights|evenings|shifts)|nights|rota|on.call|"
                r"(?:some|the) evenings",
                2.5,
            ),
            (r"allowance|fixed.term|annual leave|leave do you get|per hour|sign.on|pay cut", 3.0),
        ],
        "second-round": [
            (r"since (?:we|our|the) (?:last|first|earlier)|since (?:then|last time)", 4.0),
            (r"(?:first|last|previous|earlier) (?:interview|round|meeting|conversation)", 3.5),
            (
                r"last time (?:we|you were here|you came)|you mentioned (?:last time|earlier|"
                r"before)|(?:when|as) we (?:last )?(?:met|spoke)",
                3.0,
            ),
            (
                r"down to (?:you and|two)|between you and|this morning|earlier today|"
                r"lesson (?:you taught|observation)|psychometric|assessment (?:centre|day)|"
                r"stage one|(?:the|your) (?:task|exercise|test) (?:you|we)",
                3.0,
            ),
            (r"first (?:\w+ ){0,2}(?:days|weeks|months)", 4.0),
            (r"first (?:week|month|year)", 2.5),
            (r"other candidates|shortlist|over the others|choose you|right person", 3.5),
            (
                r"(?:now that|having|after) (?:you(?:'ve| have) )?(?:met|seen|reflected|heard|"
                r"thought)",
                3.5,
            ),
            (r"met the team|met the people|seen today", 3.0),
            (r"case study|your plan for|present (?:your|a)", 3.0),
            (r"reservations|how interested are you|still (?:want|interested)", 2.5),
            (r"our concern|first time\.", 2.5),
            (r"references|interview process|made you an offer", 2.0),
            (r"objectives|quick wins|our strategy|differ from the way", 1.5),
            (r"anything you (?:would answer differently|wish)|circumstances", 2.5),
            (
                r"other finalists|final stage|talking to (?:any )?other|"
                r"other (?:companies|processes)",
                2.5,
            ),
            (r"(?:told|mentioned to) (?:my colleague|us)|expand on|revisit", 2.5),
            (r"need to know before|before you (?:could )?(?:accept|decide)", 3.0),
            (r"this round|final (?:two|three|round)|(?:job|your) search|we offered you", 2.5),
            (r"you (?:spoke|talked) about|questions about the", 2.0),
            (r"round (?:one|1|two|2)|(?:first|second|earlier) stage", 3.0),
            (r"presentation|you (?:have )?prepared|asked you to prepare|a reference", 2.5),
            (
                r"wanted to meet you|(?:ceo|director|md|chair|partner|founder) (?:\w+ )?(?:wanted|"
                r"asked) to meet",
                3.0,
            ),
        ],
    }
)

COMPETENCY_CUES = _cues(
    {
        "leadership": [
            (
                r"lead\w*|manag(?:e|ing) (?:people|a team|the team)|team members?|"
                r"direct reports|mentor\w*|coach\w*|you would manage|line.manag\w+|"
                r"people do you manage|people (?:you|would) manage|led a team",
                1.0,
            )
        ],
        "teamwork": [
            (
                r"team(?:work|mates?)?|colleagues?|together|collaborat\w+|another department|"
                r"shared|group|team player|co.?workers?",
                1.0,
            )
        ],
        "communication": [
            (
                r"present\w*|explain|communicat\w+|difficult feedback|feedback to|audience|"
                r"describe your current employer|introduce yourself|about yourself|"
                r"(?:walk|talk|run|take) (?:me|us) through|summar\w+|overview|elevator pitch|"
                r"in (?:one|a) (?:sentence|minute)|languages|laugh|joke|clarify",
                1.0,
            )
        ],
        "stakeholder-management": [
            (
                r"stakeholders?|sponsor|conflicting needs|senior leaders|the board|"
                r"manager or client",
                1.0,
            )
        ],
        "problem-solving": [
            (r"problem|solve|solution|debug|root.cause|how many|fix|troubleshoot|estimate", 1.0)
        ],
        "conflict": [
            (
                r"conflict|disagree\w*|difficult customer|angry|furious|at odds|clash|complaint|"
                r"not pulling",
                1.0,
            )
        ],
        "adaptability": [
            (
                r"chang\w+|adapt\w*|new system|ambiguity|incomplete|fast.paced|flexib\w+|"
                r"unclear|vague|time zones|last.minute|unexpected",
                1.0,
            )
        ],
        "initiative": [
            (r"initiative|without being asked|improv\w+|introduc\w+|quick wins|nobody", 1.0)
        ],
        "delivery": [(r"deliver\w*|deadline|target|project|achiev\w+", 1.0)],
        "customer-focus": [(r"customers?|clients?|patients?|service", 1.0)],
        "analysis": [
            (
                r"data|analys\w+|numbers|metrics?|statistic\w*|forecast|how many|kpis?|variance|"
                r"valuation",
                1.0,
            )
        ],
        "decision-making": [
            (r"decision|decide|prioriti\w+|judgement|risk|choose|choice|trade.offs?", 1.0)
        ],
        "resilience": [
            (
                r"pressure|setbacks?|fail\w*|stress\w*|scrutiny|did not go to plan|bad day|"
                r"recover\w*|nervous|tense|rejected|criticism|went wrong|burn\w* out|"
                r"switch off|bad news|embarrass\w*",
                1.0,
            )
        ],
        "learning": [
            (
                r"learn\w*|stud(?:y|ying|ied)|education|training|qualifications?|book|course|"
                r"degree|university|college|school|dissertation|apprenticeship|certif\w+|"
                r"taught you|develop(?:ment)? areas?",
                1.0,
            )
        ],
        "planning": [
            (
                r"plan\w*|prioriti\w+|deadline|first (?:\w+ ){0,2}(?:days|weeks|months)|"
                r"first year|juggl\w+|capacity|objectives|five years|first quarter|"
                r"priorities|long run|longer.term",
                1.0,
            )
        ],
        "influence": [
            (
                r"persuad\w+|influence|convince|negotiat\w+|sell|choose you|buy-in|win over|"
                r"change (?:\w+ )?mind|pick you|sets you apart|take a chance|over the other",
                1.0,
            )
        ],
        "commercial-awareness": [
            (
                r"budget|cost|profit|revenue|market|business|commercial|salary|pay|bonus|"
                r"package|rate|pension|competitor|money|sector|industry",
                1.0,
            )
        ],
        "attention-to-detail": [
            (r"detail|error|mistake|accura\w+|check\w*|tolerances|reconcil\w+", 1.0)
        ],
        "creativity": [(r"creativ\w+|innovat\w+|idea|if you were|superpower|desert island", 1.0)],
        "integrity": [
            (
                r"ethic\w*|honest\w*|lied|confidential|falsif\w+|breach|gap in|leave|dismissed|"
                r"current salary|say no|polic(?:y|ies)|truth\w*|rules|cut corners|bull(?:y|ied)|"
                r"fired|let go|expenses|sacked|redundan\w+|disciplinary|lie\b|background check|"
                r"referees?|why did you (?:leave|move)|moved on|career break|break on",
                1.0,
            )
        ],
        "technical-depth": [
            (
                r"difference between|explain how|technical|software|code|system|design|database|"
                r"accounting",
                1.0,
            )
        ],
        "commitment": [
            (
                r"commit\w*|notice|start|stay|join us|other offers|accept|relocat\w+|"
                r"long.term|still (?:keen|interested|want)|other (?:companies|applications)|"
                r"so many jobs|other (?:interviews|jobs)|job search|second thoughts|doubts|"
                r"moved around|short stints|holidays? booked|say no|how soon",
                1.0,
            )
        ],
        "self-awareness": [
            (
                r"yourself|weakness\w*|strengths?|describe you|proud|regret|differently|"
                r"good at|bad at|personality|three words|feedback|reflect\w*|fear",
                1.0,
            )
        ],
        "motivation": [
            (
                r"motivat\w+|why (?:do|would) you want|attract\w+|interest\w*|passion\w*|"
                r"excit\w+|enjoy|goals",
                1.0,
            )
        ],
        "culture-fit": [
            (r"culture|environment|values|mission|fit into|work.life|balance work", 1.0)
        ],
    }
)

# When no competency cue fires, the type's usual competencies stand in.
TYPE_DEFAULT_COMPETENCIES: dict[str, tuple[str, ...]] = {
    "background": ("self-awareness",),
    "motivation": ("motivation",),
    "behavioural": ("delivery",),
    "situational": ("problem-solving",),
    "technical": ("technical-depth",),
    "culture-fit": ("culture-fit",),
    "tricky": ("self-awareness",),
    "salary-notice": ("commercial-awareness",),
    "second-round": ("self-awareness",),
}
# Competencies that follow from the type itself, whatever the wording.
TYPE_IMPLIED_COMPETENCIES: dict[str, tuple[str, ...]] = {
    "technical": ("technical-depth",),
    "culture-fit": ("culture-fit",),
    "motivation": ("motivation",),
}
MAX_COMPETENCIES = 3

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def _normalise(text: str) -> str:
    return " ".join(text.lower().replace("\u2019", "'").replace("\u2018", "'").split())


# Words too common to say anything about a type on their own; pairs of them still count
# ("would you", "tell me"), since interview phrasing lives in those pairs.
_STOP_TEXT = (
    "a an and the of to in on for with at by from or is are was were be been it its this that "
    "you your me my i we our us do does did have has had what how which who why when where "
    "would could can will should there"
)
STOP_WORDS = frozenset(_STOP_TEXT.split())


def _features(normalised: str) -> list[str]:
    words = _WORD.findall(normalised)
    pairs = [f"{a} {b}" for a, b in itertools.pairwise(words)]
    return [w for w in words if w not in STOP_WORDS] + pairs


@dataclass(frozen=True)
class _WordModel:
    """Multinomial naive Bayes over words and word pairs, trained on labelled questions."""

    log_prior: dict[str, float]
    log_likelihood: dict[str, dict[str, float]]
    log_unseen: dict[str, float]
    vocabulary: frozenset[str]

    def scores(self, features: list[str]) -> dict[str, float]:
        totals = dict(self.log_prior)
        for qtype in totals:
            table = self.log_likelihood[qtype]
            unseen = self.log_unseen[qtype]
            totals[qtype] += sum(table.get(f, unseen) for f in features)
        return totals

    def knows(self, feature: str) -> bool:
        return feature in self.vocabulary

    def best_words(self, features: list[str], qtype: str, limit: int) -> list[str]:
        """Known features that favour qtype most over the average of the other types."""
        gains = []
        for feature in set(features):
            if not self.knows(feature):
                continue
            own = self.log_likelihood[qtype].get(feature, self.log_unseen[qtype])
            others = [
                self.log_likelihood[t].get(feature, self.log_unseen[t])
                for t in self.log_prior
                if t != qtype
            ]
            gain = own - sum(others) / len(others)
            if gain > 1.0:
                gains.append((gain, feature))
        return [feature for _, feature in sorted(gains, reverse=True)[:limit]]


def train_word_model(examples: list[tuple[str, str]]) -> _WordModel:
    """Train the word model on (text, type) pairs."""
    counts: dict[str, Counter[str]] = {t: Counter() for t in QUESTION_TYPES}
    docs: Counter[str] = Counter()
    for text, qtype in examples:
        counts[qtype].update(_features(_normalise(text)))
        docs[qtype] += 1
    vocabulary = set().union(*counts.values())
    size = SMOOTHING * (len(vocabulary) + 1)
    total_docs = sum(docs.values())
    log_prior, log_likelihood, log_unseen = {}, {}, {}
    for qtype in QUESTION_TYPES:
        total = sum(counts[qtype].values()) + size
        log_prior[qtype] = math.log((docs[qtype] + 1) / (total_docs + len(QUESTION_TYPES)))
        log_likelihood[qtype] = {
            f: math.log((n + SMOOTHING) / total) for f, n in counts[qtype].items()
        }
        log_unseen[qtype] = math.log(SMOOTHING / total)
    return _WordModel(log_prior, log_likelihood, log_unseen, frozenset(vocabulary))


@functools.cache
def labelled_questions() -> tuple[Phrasing, ...]:
    """Every labelled question the classifier learns from: the bank's, then the phrasings."""
    bank = tuple(Phrasing(q.text, q.type, q.competencies) for q in load_bank())
    return bank + load_phrasings()


def training_examples() -> list[tuple[str, str]]:
    """(text, type) pairs the word model learns from: the bank's questions and the phrasings."""
    return [(q.text, q.type) for q in labelled_questions()]


@functools.cache
def _bank_model() -> _WordModel:
    return train_word_model(training_examples())


def classify_with(
    model: _WordModel, text: str, neighbours: Sequence[Neighbour] = ()
) -> Classification:
    """Classify text with a given word model (the packaged one unless testing another) and,
    when given, the labelled questions nearest to it in meaning."""
    normalised = _normalise(text)
    features = _features(normalised)
    cue_scores = dict.fromkeys(QUESTION_TYPES, 0.0)
    cue_hits: dict[str, list[tuple[float, str]]] = {t: [] for t in QUESTION_TYPES}
    for qtype, cues in TYPE_CUES.items():
        for cue in cues:
            found = cue.pattern.search(normalised)
            if found:
                cue_scores[qtype] += cue.weight
                cue_hits[qtype].append((cue.weight, found.group(0).strip()))

    known = [f for f in features if model.knows(f)]
    if not known and not any(cue_scores.values()):
        return Classification(FALLBACK_TYPE, 0.0, (), ())

    model_scores = model.scores(known)
    mean = sum(model_scores.values()) / len(model_scores)
    weight = MODEL_WEIGHT_WITH_MEANING if neighbours else MODEL_WEIGHT
    combined = {t: cue_scores[t] + weight * (model_scores[t] - mean) for t in QUESTION_TYPES}
    for neighbour in neighbours:
        combined[neighbour.type] += MEANING_WEIGHT * max(0.0, neighbour.similarity)
    best = max(QUESTION_TYPES, key=lambda t: combined[t])
    peak = combined[best]
    weights = {t: math.exp((combined[t] - peak) / TEMPERATURE) for t in QUESTION_TYPES}
    confidence = 1.0 / sum(weights.values())
    # Few known words means the model is guessing; say so in the confidence.
    if not cue_hits[best]:
        confidence *= min(1.0, len(known) / 8)

    evidence = [f'cue "{hit}" ({best})' for _, hit in sorted(cue_hits[best], reverse=True)]
    evidence += [f'word "{w}" ({best})' for w in model.best_words(known, best, 3)]
    evidence += [
        f'like "{n.text}" ({best}, {n.similarity:.2f})' for n in neighbours if n.type == best
    ][:2]
    return Classification(
        type=best,
        confidence=round(confidence, 3),
        competencies=_competencies(normalised, best, neighbours),
        evidence=tuple(evidence),
    )


def _competencies(
    normalised: str, qtype: str, neighbours: Sequence[Neighbour] = ()
) -> tuple[str, ...]:
    hits = _competency_hits(normalised)
    if neighbours:
        return _competencies_with_meaning(hits, qtype, neighbours)
    ranked = sorted(hits, key=lambda c: (-hits[c], COMPETENCIES.index(c)))
    implied = [c for c in TYPE_IMPLIED_COMPETENCIES.get(qtype, ()) if c not in ranked]
    chosen = (implied + ranked)[:MAX_COMPETENCIES]
    return tuple(chosen) if chosen else TYPE_DEFAULT_COMPETENCIES[qtype]


def _competency_hits(normalised: str) -> dict[str, int]:
    """How often each competency's cues match the text, for those that match at all."""
    hits = {
        competency: sum(len(cue.pattern.findall(normalised)) for cue in cues)
        for competency, cues in COMPETENCY_CUES.items()
    }
    return {competency: count for competency, count in hits.items() if count}


def _competencies_with_meaning(
    hits: dict[str, int], qtype: str, neighbours: Sequence[Neighbour]
) -> tuple[str, ...]:
    votes: dict[str, float] = {c: float(count) for c, count in hits.items()}
    for competency in TYPE_IMPLIED_COMPETENCIES.get(qtype, ()):
        votes[competency] = votes.get(competency, 0.0) + 1.0
    for neighbour in neighbours:
        for competency in neighbour.competencies:
            share = COMPETENCY_MEANING_WEIGHT * max(0.0, neighbour.similarity)
            votes[competency] = votes.get(competency, 0.0) + share
    ranked = sorted(votes, key=lambda c: (-votes[c], COMPETENCIES.index(c)))
    chosen = [c for c in ranked if votes[c] >= COMPETENCY_MIN_VOTE]
    return tuple(chosen[:MAX_COMPETENCIES_WITH_MEANING]) or TYPE_DEFAULT_COMPETENCIES[qtype]


def classify_question(text: str, neighbours: Sequence[Neighbour] = ()) -> Classification:
    """Classify any interview question; unrecognisable text gives background at confidence 0.

    `neighbours` are the labelled questions (`labelled_questions()`) nearest to it in meaning,
    found by the services layer when sentence embeddings are available.
    """
    return classify_with(_bank_model(), text, neighbours)


# A terms-and-conditions question that asks for a figure or a date. "How do you feel about joining
# the on-call rota?" is answered with experience and readiness, not with a number.
_ASKS_FIGURE = re.compile(
    r"\b(?:salary|pay|paid|earn\w*|package|bonus|rate|notice|start|join|band|expect\w*|"
    r"figure|compensation|remuneration|benefits|pension|hours)\b",
    re.I,
)


def asks_for_figure(question: str) -> bool:
    """Whether a terms-and-conditions question asks for a figure or a date."""
    return bool(_ASKS_FIGURE.search(question))
