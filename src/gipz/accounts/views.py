"""The decorator every page of the app uses: logged in, and working for an organisation."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from gipz.accounts import second_factor
from gipz.accounts.actor import Actor

View = Callable[..., HttpResponse]


def actor_required(view: View) -> View:
    """Logged in and working for an organisation; `actor` is passed to the view."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        actor: Actor | None = request.actor or None  # type: ignore[attr-defined]
        if actor is None:
            return render(
                request,
                "gipz/no_organisation.html",
                {"message": _("Uw account hoort nog bij geen organisatie. Vraag uw beheerder.")},
                status=403,
            )
        return view(request, actor, *args, **kwargs)

    return wrapped


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    return target if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}) else "/"


@login_required
def second_factor_setup(request: HttpRequest) -> HttpResponse:
    """Enrol a TOTP app: scan the code, type the first six digits; then the recovery codes, shown once."""
    if second_factor.has_second_factor(request.user) and not request.user.is_verified():  # type: ignore[union-attr]
        return redirect(f"{reverse('second-factor')}?next={_next(request)}")  # prove the old factor first
    device = second_factor.totp_pending(request.user)  # type: ignore[arg-type]
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = second_factor.totp_confirm(request=request, user=request.user, token=form.cleaned_data["code"])  # type: ignore[arg-type]
        if codes is not None:
            return render(request, "registration/recovery_codes.html", {"codes": codes, "next": _next(request)})
        form.add_error("code", _("Deze code klopt niet. Kijk of de tijd op uw telefoon goed staat en probeer opnieuw."))
    return render(
        request,
        "registration/second_factor_setup.html",
        {
            "form": form,
            "qr": second_factor.qr_svg(device),
            "key": second_factor.typed_key(device),
            "next": _next(request),
        },
        status=400 if form.errors else 200,
    )


@login_required
def second_factor_verify(request: HttpRequest) -> HttpResponse:
    """After the password: a code from the app or a recovery code."""
    if not second_factor.has_second_factor(request.user):  # type: ignore[arg-type]
        return redirect(f"{reverse('second-factor-setup')}?next={_next(request)}")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if second_factor.verify(request=request, user=request.user, token=form.cleaned_data["code"]):  # type: ignore[arg-type]
            return redirect(_next(request))
        form.add_error("code", _("Deze code klopt niet of is al gebruikt."))
    return render(
        request,
        "registration/second_factor.html",
        {"form": form, "next": _next(request)},
        status=400 if form.errors else 200,
    )


def locked_out(request: HttpRequest, credentials: object = None, *args: object, **kwargs: object) -> HttpResponse:
    """django-axes calls this for a locked-out account or address: a Dutch page, status 429."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(
        request,
        "registration/locked_out.html",
        {"minutes": minutes},
        status=429,
    )
