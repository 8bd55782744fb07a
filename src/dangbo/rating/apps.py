from django.apps import AppConfig


class RatingConfig(AppConfig):
    name = "dangbo.rating"
    label = "rating"
    verbose_name = "Đánh giá, xếp loại chất lượng"

    def ready(self) -> None:
        from dangbo.core import scope
        from dangbo.rating import indicators  # noqa: F401  (registers indicators)
        from dangbo.rating.models import MemberRating, OrgRating, RatingRound, ResidenceComment

        # A round sits at its scope; entries sit at the cell or organization they rate
        # (current paths: they follow the organization when it moves).
        scope.register(RatingRound, path="scope__path")
        scope.register(MemberRating, path="cell__path", self_user="member__person__user")
        scope.register(OrgRating, path="org__path", self_user="head__person__user")
        scope.register(ResidenceComment, path="member__org_path", self_user="member__person__user")
