"""Link and unlink relations held in link tables (many-to-many) and item mentions."""

from __future__ import annotations

from dataclasses import dataclass

from tortoise.models import Model
from tortoise.transactions import in_transaction

from content import models as m
from content.i18n import messages
from content.models.editing import AuditEntry
from content.services.editing import Actor, EditError, Term
from content.services.outbox import UPSERT, record_changes


@dataclass(frozen=True, slots=True)
class LinkSpec:
    link: type[Model]
    source_fk: str
    target_fk: str | None      # None: a Mention (any content type, stored as type + id)
    target_type: str | None    # None: any content type


# (source type, relation name as GraphQL spells it) -> how it is stored.
LINKS: dict[tuple[str, str], LinkSpec] = {
    ("Recommendation", "themes"): LinkSpec(m.RecommendationTheme, "recommendation_id", "theme_id", "Theme"),
    ("Recommendation", "responsibleInstitutions"): LinkSpec(
        m.RecommendationInstitution, "recommendation_id", "institution_id", "Institution"),
    ("InformationRequest", "mechanisms"): LinkSpec(
        m.InformationRequestMechanism, "information_request_id", "mechanism_id", "Mechanism"),
    ("Event", "partners"): LinkSpec(m.EventPartner, "event_id", "institution_id", "Institution"),
    ("AchievementItem", "mentions"): LinkSpec(m.Mention, "item_id", None, None),
}


def relations_of(type_name: str) -> list[str]:
    return [relation for (source, relation) in LINKS if source == type_name]


async def set_link(source: m.ContentItem, relation: str, target: m.ContentItem, actor: Actor, *,
                   linked: bool, sentence: str = "") -> bool:
    """Add (linked=True) or remove a link; returns whether anything changed."""
    type_name = type(source).__name__
    spec = LINKS.get((type_name, relation))
    if spec is None:
        names = relations_of(type_name)
        raise EditError(messages.NO_SUCH_RELATION if names else messages.NO_RELATIONS, field="relation",
                        code="INVALID_RELATION", type=Term.content_type(type_name), relation=relation,
                        relations=", ".join(names))
    target_type = type(target).__name__
    if spec.target_type is not None and target_type != spec.target_type:
        raise EditError(messages.WRONG_TARGET_TYPE, field="target", code="INVALID_ID", relation=relation,
                        expected=Term.content_type(spec.target_type), type=Term.content_type(target_type))
    if spec.target_fk is None:
        keys = {spec.source_fk: source.id, "target_type": target_type, "target_id": target.id}
    else:
        keys = {spec.source_fk: source.id, spec.target_fk: target.id}
    async with in_transaction() as connection:
        existing = await spec.link.filter(**keys).using_db(connection).first()
        if linked == (existing is not None):
            return False
        if linked:
            extra = {"sentence": sentence} if spec.target_fk is None else {}
            await spec.link.create(**keys, **extra, using_db=connection)
        else:
            await existing.delete(using_db=connection)
        await AuditEntry.create(actor=actor.name, role=actor.role, action="link" if linked else "unlink",
                                item_type=type_name, item_id=source.id,
                                detail={"relation": relation, "target": f"{target_type}:{target.id}"},
                                using_db=connection)
        # Facets (mechanisms, institutions) of the source depend on its links.
        await record_changes([(type_name, source.id, UPSERT)], using_db=connection)
    return True


