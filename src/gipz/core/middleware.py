from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import add_never_cache_headers


class LanguageMiddleware:
    """Dutch unless the user chose another language with the switcher (a cookie).

    Unlike Django's LocaleMiddleware this ignores the browser's Accept-Language: the people who use GIPZ work in
    Dutch, and a shared police laptop with an English browser must not show them an English screen by surprise.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language  # type: ignore[attr-defined]
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response


class NoStoreMiddleware:
    """Nothing GIPZ renders may be kept by a browser, a proxy or a shared computer's cache: pages, fragments, exports
    and API answers carry personal data or may. Static files (served by WhiteNoise before this) keep their caching.
    A response that set its own Cache-Control (a public calendar feed, say) keeps it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Cache-Control" not in response.headers:
            add_never_cache_headers(response)  # no-cache, no-store, must-revalidate, private, max-age=0
        return response
