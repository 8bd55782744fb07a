"""Password rules: Django's four validators. Django 5.2 changed the wording of the length
message and its Vietnamese catalogue has not caught up, so that one message is ours."""

from __future__ import annotations

from django.contrib.auth.password_validation import (
    MinimumLengthValidator as DjangoMinimumLengthValidator,
)


class MinimumLengthValidator(DjangoMinimumLengthValidator):
    def get_error_message(self) -> str:
        return f"Mật khẩu quá ngắn. Nó phải chứa ít nhất {self.min_length} ký tự."

    def get_help_text(self) -> str:
        return f"Mật khẩu của bạn phải chứa ít nhất {self.min_length} ký tự."
