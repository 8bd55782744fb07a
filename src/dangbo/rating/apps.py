from django.apps import AppConfig


class RatingConfig(AppConfig):
    name = "dangbo.rating"
    label = "rating"
    verbose_name = "Đánh giá, xếp loại chất lượng"

    def ready(self) -> None:
        from dangbo.rating import indicators  # noqa: F401  (registers indicators)
