"""Names in the three working languages, for the types that have them."""

from __future__ import annotations

import strawberry


@strawberry.type(description="A name in the three working languages.")
class Names:
    ar: str
    fr: str
    en: str


@strawberry.type
class MultilingualNamed:
    """Mixin for mechanisms and institutions: `names` and `aliases` from the model's columns."""

    @strawberry.field
    def names(self) -> Names:
        return Names(ar=self.name_ar, fr=self.name_fr, en=self.name_en)

    @strawberry.field(description="Other wordings texts use, by language.")
    def aliases(self, language: str | None = None) -> list[str]:
        return self.alias_list(language)
