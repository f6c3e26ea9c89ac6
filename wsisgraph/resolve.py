"""Resolve what the text leaves implicit: "the Coalition", "both agencies", "it", "its".

Resolution never crosses documents: antecedents are the entities named earlier in the same
document, preferring the same section. A reference that finds no antecedent stays
unresolved and no rule will use it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from wsisgraph.extract.lexicon import ACTOR_HEADS, GENERIC_NOUNS
from wsisgraph.extract.mentions import DocumentMentions, SentenceView, Slot, entity_key, is_actor
from wsisgraph.gazetteer import head_noun, norm_word
from wsisgraph.model import Entity, EntityKind

__all__ = ["LIST", "Resolver", "coordinations", "resolve_mentions", "subject_of"]

ITEM = r"⟪E\d+⟫"
SEP = (
    r"(?:\s*;\s*and\s+|\s*,\s*|\s*;\s*|,?\s+(?:and|as well as|&|and also)\s+|,?\s+and\s+of\s+|"
    r",\s*and\s+)"
)
LIST = rf"{ITEM}(?:{SEP}(?:also\s+)?{ITEM})*"
_LIST_RE = re.compile(LIST)
_EVENT_PREDICATE = re.compile(
    r"^\s*(?:(?:was|were|is|will be|had been|has been|would be)\s+)?(?:also\s+|again\s+|"
    r"jointly\s+|first\s+|entirely\s+)*(?:held|organi[sz]ed|co-organi[sz]ed|convened|hosted|"
    r"co-hosted|chaired|co-chaired|attended|scheduled|took place|take place|brought together|"
    r"opened|concluded|culminated|met|drew|gathered|featured|launched with|started|ended|closed|"
    r"marked|welcomed)\b"
)
_INTRO = re.compile(
    r"^(?:(?:In|On|Since|During|By|Through|Under|At|After|Following|As|With|For|Within|Over|"
    r"Throughout|Before|Until|From|Besides|Alongside|Beyond|Inside|Outside|Across|Despite|"
    r"In addition|Moreover|Furthermore|Also|Meanwhile|Then|Thereafter|Today|Recently|Currently|"
    r"Finally|Together)\b[^,]{0,160},\s*|(?:In|On|Since|During|By)\s+⟪D\d+⟫\s+|"
    r"(?:[A-Z][a-z]+(?:\s+[a-z]+){0,3}):\s+)"
)


@dataclass(slots=True)
class _Seen:
    key: str
    kind: EntityKind | None
    head: str
    section: int
    sentence: int


@dataclass(slots=True)
class Resolver:
    """Walks a document in reading order and remembers possible antecedents."""

    mentions: DocumentMentions
    masthead: str | None = None
    seen: list[_Seen] = field(default_factory=list)
    lists: list[tuple[int, tuple[str, ...]]] = field(default_factory=list)
    subjects: list[tuple[int, str]] = field(default_factory=list)

    def entity(self, key: str) -> Entity | None:
        return self.mentions.entities.get(key)

    def heads(self, key: str, *, own: bool = False) -> set[str]:
        """The head nouns an entity is named by; ``own``: by its name, not its aliases (the UN
        is "the Organization", not "the secretariat" its alias "UN Secretariat" would make it)."""
        entity = self.entity(key)
        if entity is None:
            return set()
        found = {entity.head}
        for name in (entity.full_name, entity.name, *(() if own else entity.aliases)):
            if name:
                found.add(head_noun(name))
        found.discard("")
        return found

    def by_noun(self, noun: str, view: SentenceView) -> str | None:
        """The most recent entity a generic noun ("coalition") can stand for: one whose own
        head is that noun first ("the Initiative" -> "the Digital Villages Initiative"), else
        one the noun may loosely name, never a reference body of another head (not WFP, a
        "Programme", for "the Initiative")."""
        exact = frozenset({norm_word(noun.split()[-1])})
        found = self._by_noun_in_text(noun, exact, view)
        # "the Office", "the Agency", "the Fund" in a submission speak of its author, even just
        # after another agency of that head was named
        if (
            self.masthead is not None
            and found != self.masthead
            and exact & _SELF_NOUNS
            and exact & self.heads(self.masthead)  # "the Bank" for the World Bank Group too
            and (found is None or ((entity := self.entity(found)) is not None and entity.kind is not EntityKind.GROUP))
        ):
            return self.masthead
        return found

    def _by_noun_in_text(self, noun: str, exact: frozenset[str], view: SentenceView) -> str | None:
        loose = GENERIC_NOUNS.get(noun, frozenset({noun}))
        named_here, named_elsewhere = self._by_noun(exact, view, loose=False, own=True)
        if named_here:
            return named_here
        here, elsewhere = self._by_noun(exact, view, loose=False)
        if here:
            return here
        elsewhere = named_elsewhere or elsewhere
        loose_here, loose_elsewhere = self._by_noun(loose, view, loose=True)
        return loose_here or elsewhere or loose_elsewhere

    def _by_noun(
        self, allowed: frozenset[str], view: SentenceView, *, loose: bool, own: bool = False
    ) -> tuple[str | None, str | None]:
        """The most recent match in the view's section, and the most recent elsewhere."""
        best_other_section: str | None = None
        for seen in reversed(self.seen):
            if seen.sentence >= view.sentence.index and seen.sentence != view.sentence.index:
                continue
            heads = self.heads(seen.key, own=own)
            entity = self.entity(seen.key)
            if loose and entity is not None and entity.reference and entity.kind is EntityKind.ORGANIZATION:
                continue  # a UN agency is named by its own head noun only
            matches = bool(heads & allowed)
            if not matches and "" in allowed and seen.kind in (EntityKind.GROUP,):
                matches = True
            if not matches and "" in allowed and seen.kind is EntityKind.ORGANIZATION:
                entity = self.entity(seen.key)
                matches = entity is not None and not entity.reference and not (heads & ACTOR_HEADS)
            if not matches:
                continue
            if seen.section == view.section:
                return seen.key, best_other_section
            if best_other_section is None:
                best_other_section = seen.key
        return None, best_other_section

    def pair_before(self, index: int) -> tuple[str, ...] | None:
        """The two organisations the sentence before ``index`` named, if it named exactly two."""
        previous = [seen for seen in self.seen if seen.sentence == index - 1]
        keys = tuple(dict.fromkeys(seen.key for seen in previous if seen.kind is EntityKind.ORGANIZATION))
        return keys if len(keys) == 2 else None

    def last_list(self, count: int, before: int, *, bodies: bool = False) -> tuple[str, ...] | None:
        for sentence, keys in reversed(self.lists):
            if sentence > before:
                continue
            if bodies and all(
                (entity := self.entity(key)) is not None and entity.kind is EntityKind.COUNTRY for key in keys
            ):
                continue
            if len(keys) == count:
                return keys
        return None

    def last_list_any(self, before: int) -> tuple[str, ...] | None:
        for sentence, keys in reversed(self.lists):
            if sentence < before:
                return keys
        return None

    def previous_subject(self, sentence: int) -> str | None:
        for index, key in reversed(self.subjects):
            if index < sentence:
                return key
        return None

    def remember(self, view: SentenceView) -> None:
        for slot in view.slots:
            # an event phrase's body counts too: "the Eighth Ministerial Conference ..." then "the Conference"
            if slot.code not in ("E", "V") or not slot.keys:
                continue
            for key in slot.keys:
                entity = self.entity(key)
                kind = entity.kind if entity else slot.kind
                if kind in (EntityKind.PLACE, EntityKind.OTHER, EntityKind.PERSON_ROLE, None):
                    continue
                self.seen.append(_Seen(key, kind, entity.head if entity else "", view.section, view.sentence.index))
        for keys in coordinations(view):
            self.lists.append((view.sentence.index, keys))
        subject = subject_of(view)
        if subject:
            self.subjects.append((view.sentence.index, subject))


def coordinations(view: SentenceView) -> list[tuple[str, ...]]:
    """Lists of two or more actors joined by commas and "and" in a sentence."""
    found: list[tuple[str, ...]] = []
    for match in _LIST_RE.finditer(view.masked):
        text = match.group(0)
        if not re.search(r"\band\b|\bas well as\b|&", text):
            continue  # "X, Y" is as often an apposition as a list
        if view.masked[match.end() : match.end() + 2] in ("'s", "’s"):
            text = text[: text.rfind("⟪")]
        slots = view.placeholders(text)
        keys: list[str] = []
        for slot in slots:
            if slot.keys and is_actor(slot.kind) and slot.kind is not EntityKind.STAKEHOLDER:
                keys.extend(k for k in slot.keys if k not in keys)
        if len(keys) >= 2:
            found.append(tuple(keys))
    return found


def subject_of(view: SentenceView) -> str | None:
    """The actor the sentence is about: its first actor after any introductory phrase."""
    masked = view.masked
    intro = _INTRO.match(masked)
    rest = masked[intro.end() :] if intro else masked
    match = re.match(r"\s*(?:The\s+|the\s+)?(⟪E\d+⟫)", rest)
    if not match:
        return None
    slot = view.slot(match.group(1))
    if slot.keys and is_actor(slot.kind) and slot.kind is not EntityKind.STAKEHOLDER:
        return slot.keys[0]
    return None


_PERSONAL_OFFICES = frozenset({"org/un-secretary-general"})
_SELF_NOUNS = frozenset(
    {
        "office",
        "organization",
        "organisation",
        "agency",
        "fund",
        "programme",
        "program",
        "secretariat",
        "department",
        "institute",
        "union",
        "bank",
        "centre",
        "center",
        "university",
        "entity",
        "league",
        "society",
        "college",
        "commission",
    }
)
_RECEIVERS = frozenset({"org/cstd", "org/un-secretary-general", "org/eosg", "org/ecosoc", "org/unga", "org/un"})


def _masthead(mentions: DocumentMentions) -> str | None:
    """The organisation a document's first lines name: the likely author of "the Office"."""
    for view in mentions.views[:4]:
        for slot in view.slots:
            if (
                slot.code == "E"
                and slot.keys
                and not slot.ref
                and slot.kind in (EntityKind.ORGANIZATION, EntityKind.BODY)
                and slot.keys[0] not in _RECEIVERS
            ):
                return slot.keys[0]
    return None


# an agency's own governing bodies, which a submission names without the agency ("The General
# Conference, at its fifty-fourth session, requested the Agency ...")
_OWN_GOVERNING_BODY = re.compile(
    r"(?:the\s+)?(General Conference|Executive Board|Executive Council|Governing Body|Governing Council|"
    r"Governing Board|Board of Governors|Board of Trustees)",
    re.IGNORECASE,
)


def _own_governing_body(mentions: DocumentMentions, masthead: str | None, slot: Slot) -> Slot:
    if masthead is None or slot.code != "E" or slot.ref or len(slot.keys) != 1:
        return slot
    entity = mentions.entities.get(slot.keys[0])
    author = mentions.entities.get(masthead)
    if entity is None or entity.reference or author is None or author.kind is not EntityKind.ORGANIZATION:
        return slot
    match = _OWN_GOVERNING_BODY.fullmatch(entity.name.strip())
    if match is None:
        return slot
    name = f"{author.name} {match.group(1)}"
    key = entity_key(EntityKind.BODY, name)
    if key not in mentions.entities:
        mentions.entities[key] = Entity(
            key=key, name=name, kind=EntityKind.BODY, full_name=name, head=head_noun(name), parent=masthead
        )
    return replace(slot, keys=(key,), kind=EntityKind.BODY)


def resolve_mentions(mentions: DocumentMentions) -> DocumentMentions:
    """Fill in the entities that references and pronouns stand for."""
    masthead = _masthead(mentions)
    resolver = Resolver(mentions, masthead=masthead)
    for view in mentions.views:
        resolved: list[Slot] = []
        for position, slot in enumerate(view.slots):
            if slot.code == "E" and slot.ref and not slot.keys:
                slot = _resolve(resolver, view, position, slot, resolved)
            else:
                slot = _own_governing_body(mentions, masthead, slot)
            resolved.append(slot)
        view.slots = resolved
        resolver.remember(view)
    return mentions


def _resolve(resolver: Resolver, view: SentenceView, position: int, slot: Slot, earlier: list[Slot]) -> Slot:
    ref = slot.ref
    placeholder = f"⟪E{position}⟫"
    if slot.count == -1:
        lists = _lists_before(view, earlier)
        keys = lists[-1] if lists else resolver.last_list_any(view.sentence.index)
        if not keys:
            return slot
        return replace(slot, keys=keys, kind=EntityKind.ORGANIZATION)
    if slot.count:
        keys = None
        # "the three agencies signed": a list earlier in this sentence comes first
        for keys_here in reversed(_lists_before(view, earlier)):
            if len(keys_here) == slot.count:
                keys = keys_here
                break
        if keys is None:
            # "the two organisations" are no list of countries ("Colombia and Egypt")
            bodies = not re.search(r"countr|governments|states|economies", slot.text, re.IGNORECASE)
            keys = resolver.last_list(slot.count, view.sentence.index - 1, bodies=bodies)
        if keys is None and slot.count == 2:
            # "WHO leads the line, and ITU co-facilitates it. The two agencies ...": the two
            # organisations the sentence before named, when it named exactly two
            keys = resolver.pair_before(view.sentence.index)
        if keys is None:
            return slot
        return replace(slot, keys=keys, kind=EntityKind.ORGANIZATION)
    if ref == "him":
        # "the report that the Secretary-General prepares ..., under which the Council requested him":
        # an office held by a person first, else the first organisation
        for other in earlier:
            if other.code == "E" and other.keys and other.keys[0] in _PERSONAL_OFFICES:
                return replace(slot, keys=other.keys[:1], kind=other.kind)
        for other in earlier:
            if other.code == "E" and other.keys and other.kind is EntityKind.ORGANIZATION:
                return replace(slot, keys=other.keys[:1], kind=other.kind)
        key = resolver.previous_subject(view.sentence.index)
        return replace(slot, keys=(key,), kind=EntityKind.ORGANIZATION) if key else slot
    if ref in ("it", "its"):
        after = view.masked[view.masked.index(placeholder) + len(placeholder) :]
        if ref == "it" and _EVENT_PREDICATE.match(after):
            return replace(slot, ref="event")
        key = None
        if ref == "its" and _GROUP_ROLE_AFTER.match(after):
            # "Uruguay, which hosted the Conference, took over its presidency": the body just named;
            # "UNEP leads the X initiative. Its core partners are ...": the group last named
            for other in reversed(earlier):
                if other.code == "E" and other.keys and other.kind in (EntityKind.GROUP, EntityKind.BODY):
                    return replace(slot, keys=other.keys[:1], kind=other.kind)
            if not earlier:
                for seen in reversed(resolver.seen):
                    if seen.section != view.section:
                        break
                    entity = resolver.entity(seen.key)
                    # "... co-chair the UN Privacy Policy Group. Its members include ...": the last body
                    # with members, a "... Group" or an Assembly as much as a coalition
                    if seen.kind in (EntityKind.GROUP, EntityKind.BODY) or (
                        entity is not None
                        and not entity.reference
                        and seen.kind is EntityKind.ORGANIZATION
                        and entity.head in ("group", "network", "alliance", "coalition", "partnership", "committee")
                    ):
                        kind = seen.kind if seen.kind is not EntityKind.ORGANIZATION else EntityKind.GROUP
                        return replace(slot, keys=(seen.key,), kind=kind)
        before = view.masked[: view.masked.index(placeholder)]
        if ref == "it" and _GROUP_PREDICATE.match(after):
            group = _recent_group(resolver, view, earlier)
            if group is not None:
                entity = resolver.entity(group)
                return replace(slot, keys=(group,), kind=entity.kind if entity else EntityKind.GROUP)
        if ref == "it" and re.search(
            r"\b(?:joined|join|joins|left|leave|leaves|(?:co-)?chairs|(?:co-)?chaired|(?:co-)?leads|(?:co-)?led|heads|"
            r"headed|(?:co-)?convenes|(?:co-)?convened|coordinates|coordinated)\s+$",
            before,
        ):
            # "... countries that joined it", "X, which co-leads it": a group, the one the text is
            # about (the last sentence's subject) or else the one last named
            group = _recent_group(resolver, view, earlier)
            subject = resolver.previous_subject(view.sentence.index)
            subject_entity = resolver.entity(subject) if subject else None
            if (
                subject_entity is not None
                and subject_entity.kind is EntityKind.GROUP
                and not any(other.kind is EntityKind.GROUP for other in earlier)
            ):
                group = subject
            if group is not None:
                entity = resolver.entity(group)
                return replace(slot, keys=(group,), kind=entity.kind if entity else EntityKind.GROUP)
        if (
            ref == "it"
            and before.strip()
            and subject_of(view) is not None
            and re.search(r"\b(?:which|that|who)\s+$", before)
        ):
            # "UNEP renewed the Partnership, which it manages": the sentence's own subject
            key = subject_of(view)
            entity = resolver.entity(key) if key else None
            if key is not None:
                return replace(slot, keys=(key,), kind=entity.kind if entity else EntityKind.ORGANIZATION)
        # "its": the first actor of the sentence before it; "it" too when the sentence has no
        # actor for subject ("This note answers the request that ECOSOC made in its
        # resolution, in which it asked ..."); else the previous sentence's subject
        if ref == "its" or (ref == "it" and subject_of(view) is None):
            for other in earlier:
                if (
                    other.code == "E"
                    and other.keys
                    and is_actor(other.kind)
                    and (other.kind is not EntityKind.STAKEHOLDER)
                ):
                    key = other.keys[0]
                    break
        key = key or resolver.previous_subject(view.sentence.index)
        if key is None:
            return slot
        entity = resolver.entity(key)
        return replace(slot, keys=(key,), kind=entity.kind if entity else EntityKind.ORGANIZATION)
    if ref in ("they", "their", "them"):
        keys_before = _lists_before(view, earlier)
        keys = keys_before[-1] if keys_before else resolver.last_list_any(view.sentence.index)
        if not keys:
            return slot
        return replace(slot, keys=keys, kind=EntityKind.ORGANIZATION)
    noun = ref.split(" ", 1)[-1] if ref.startswith(("its ", "their ")) else ref
    if ref.startswith(("its ", "their ")):
        owner = _owner(resolver, view, earlier)
        if owner is None:
            return slot
        if noun in _SUB_BODIES:
            return _sub_body(resolver, slot, noun, owner)
        return slot
    key = None
    allowed = GENERIC_NOUNS.get(noun, frozenset({noun}))
    for other in reversed(earlier):
        if (
            other.code == "E"
            and other.keys
            and not other.ref
            and other.kind in (EntityKind.ORGANIZATION, EntityKind.BODY, EntityKind.GROUP, EntityKind.EVENT)
            and resolver.heads(other.keys[0]) & allowed
            and not _agency_named_loosely(resolver, other.keys[0], noun)
        ):
            key = other.keys[0]
            break
    key = key or resolver.by_noun(noun, view)
    if key is None and noun in _SUB_BODIES:
        # "the Steering Committee" of the group in context; "the board" is the group itself
        parent = _recent_group(resolver, view, earlier)
        if parent is not None:
            return _sub_body(resolver, slot, noun, parent)
    if key is None:
        return slot
    entity = resolver.entity(key)
    return replace(slot, keys=(key,), kind=entity.kind if entity else EntityKind.ORGANIZATION)


def _agency_named_loosely(resolver: Resolver, key: str, noun: str) -> bool:
    """A UN agency is named by its own head noun only: "the Initiative" is not UNEP, a
    "Programme", even in the sentence that names UNEP."""
    entity = resolver.entity(key)
    return (
        entity is not None
        and entity.reference
        and entity.kind is EntityKind.ORGANIZATION
        and norm_word(noun.split()[-1]) not in resolver.heads(key)
    )


_GROUP_ROLE_AFTER = re.compile(
    r"\s*(?:rotating\s+)?(?:presidency|chairmanship|chair|secretariat|membership|steering\s+committee|board|bureau)\b"
    r"|\s*(?:(?:core|main|key|founding|current|other|new|principal|implementing|remaining|original)\s+)*(?:members|"
    r"partners|founders|co-leads|leaders|signatories)\b"
)
# "It brings together 25 countries": what only a group does
_GROUP_PREDICATE = re.compile(
    r"^\s*(?:(?:now|also|currently|today)\s+)?(?:brings|brought|gathers|gathered|unites|united|comprises|comprised|"
    r"counts|counted|numbers|groups|consists|is\s+made\s+up|was\s+made\s+up|has\s+(?:[\w,]+\s+){0,2}members)\b"
)
_SUB_BODIES = {
    "steering committee",
    "committee",
    "board",
    "governing board",
    "secretariat",
    "council",
    "bureau",
    "task force",
}


def _owner(resolver: Resolver, view: SentenceView, earlier: list[Slot]) -> str | None:
    for other in earlier:
        if other.code == "E" and other.keys and is_actor(other.kind) and (other.kind is not EntityKind.STAKEHOLDER):
            return other.keys[0]
    return resolver.previous_subject(view.sentence.index) or _recent_group(resolver, view, earlier)


def _recent_group(resolver: Resolver, view: SentenceView, earlier: list[Slot]) -> str | None:
    for other in reversed(earlier):
        if other.code == "E" and other.kind is EntityKind.GROUP and other.keys:
            return other.keys[0]
    for seen in reversed(resolver.seen):
        if seen.kind is EntityKind.GROUP:
            return seen.key
    return None


def _sub_body(resolver: Resolver, slot: Slot, noun: str, parent: str) -> Slot:
    """A body of ``parent`` the text names by its generic noun."""
    owner = resolver.entity(parent)
    written = re.sub(r"^(?:[Tt]he|[Ii]ts|[Tt]heir)\s+", "", slot.text).strip()
    if owner is None or not written[:1].isupper():
        kind = owner.kind if owner else EntityKind.GROUP
        return replace(slot, keys=(parent,), kind=kind)
    article = "the " if " " in owner.name else ""
    name = f"{written} of {article}{owner.name}"
    key = entity_key(EntityKind.BODY, name)
    if key not in resolver.mentions.entities:
        resolver.mentions.entities[key] = Entity(
            key=key,
            name=name,
            kind=EntityKind.BODY,
            full_name=name,
            head=head_noun(written),
            parent=parent,
        )
    return replace(slot, keys=(key,), kind=EntityKind.BODY)


def _lists_before(view: SentenceView, earlier: list[Slot]) -> list[tuple[str, ...]]:
    count = len(earlier)
    prefix_end = 0
    marker = f"⟪E{count}⟫"
    if marker in view.masked:
        prefix_end = view.masked.index(marker)
    probe = SentenceView(
        view.sentence,
        view.text,
        view.masked[:prefix_end],
        earlier + view.slots[count:],
        view.section,
        view.kind,
    )
    return coordinations(probe)
