"""Public directory pages: search with facets, the organisation page, and its edit form for members."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..extensions import db
from ..labels import LANGUAGE_NAMES, choices, label
from ..participants.forms import ConfirmForm, opts
from ..participants.models import OpportunityKind, Organisation, OrganisationKind, SizeClass
from ..reference import nace, regions
from . import search
from .blueprint import bp, organisation_or_404
from .forms import ContactForm, DirectoryFilterForm, OrganisationForm
from .members import can_edit
from .services import page_data, update_organisation


def _filter_form(facets):
    form = DirectoryFilterForm(request.args, meta={"csrf": False})
    anything = [("", "—")]

    def counted(pairs, key):
        return [(v, f"{text} ({facets[key].get(v, 0)})") for v, text in pairs if facets[key].get(v)]

    form.region.choices = opts(anything + counted(regions.choices(), "region")
                               + ([("outside", _("outside the programme area"))] if facets["region"].get("") else []))
    form.kind.choices = opts(anything + counted(choices(OrganisationKind), "kind"))
    form.sector.choices = opts(anything + counted(nace.choices(), "sector"))
    form.size.choices = opts(anything + counted(choices(SizeClass), "size"))
    form.language.choices = opts(anything + list(LANGUAGE_NAMES.items()))
    form.offer.choices = opts(anything + choices(OpportunityKind))
    form.country.choices = opts(anything + [(c, label(c)) for c in sorted(facets["country"])])
    return form


def _filters():
    """The query string's filters, each only if it is a known value."""
    args = request.args
    known = {"region": set(regions.REGIONS) | {"outside"}, "kind": {k.value for k in OrganisationKind},
             "size": {s.value for s in SizeClass}, "language": set(LANGUAGE_NAMES),
             "offer": {k.value for k in OpportunityKind}, "country": {"CZ", "DE", "PL", "SK", "AT"}}
    out = {k: args.get(k, "") for k in search.FILTERS}
    out["q"] = out["q"].strip()[:100]
    out["sector"] = nace.division(out["sector"]) if nace.normalise(out["sector"]) else ""
    for key, values in known.items():
        if out[key] not in values:
            out[key] = ""
    return out


@bp.route("/")
def list_organisations():
    filters = _filters()
    page = max(1, request.args.get("page", 1, type=int))
    orgs, total = search.search(filters, page=page)
    facets = search.facets(filters)
    pages = max(1, (total + search.PER_PAGE - 1) // search.PER_PAGE)
    args = {k: v for k, v in filters.items() if v}
    return render_template("directory/list_organisations.html", form=_filter_form(facets), orgs=orgs, total=total,
                           page=min(page, pages), pages=pages, args=args, offers_of=search.offers_of,
                           languages_of=search.languages_of)


def _organisation_or_404(org_id):
    org = db.session.get(Organisation, org_id)
    if org is None or not (org.listed or can_edit(current_user, org)):
        abort(404)
    return org


@bp.route("/<int:org_id>")
def show_organisation(org_id):
    from .suggestions import for_directory

    org = _organisation_or_404(org_id)
    editable = can_edit(current_user, org)
    return render_template("directory/show_organisation.html", org=org, editable=editable, confirm=ConfirmForm(),
                           suggestions=for_directory(org) if editable else [], contact_form=ContactForm(),
                           languages=search.languages_of(org), **page_data(org))


@bp.route("/<int:org_id>/edit", methods=["GET", "POST"])
def edit_organisation(org_id):
    org = organisation_or_404(org_id, can_edit)
    form = OrganisationForm(obj=org) if request.method == "GET" else OrganisationForm()
    form.kind.choices = opts(choices(OrganisationKind))
    form.country.choices = opts((c, label(c)) for c in ("CZ", "DE", "PL", "SK", "AT"))
    form.region_code.choices = opts(regions.choices() + [("", _("outside the programme area"))])
    form.size_class.choices = opts([("", "—")] + choices(SizeClass))
    form.languages.choices = opts(LANGUAGE_NAMES.items())
    if request.method == "GET":
        form.kind.data, form.size_class.data = org.kind.value, org.size_class.value if org.size_class else ""
        form.nace_sectors.data = ", ".join(org.nace_sectors or [])
    if form.validate_on_submit():
        values = {key: form[key].data for key in form.data if key != "csrf_token"}
        values = {k: (v.strip() if isinstance(v, str) else v) for k, v in values.items()}
        update_organisation(org, values, user=current_user)
        db.session.commit()
        flash(_("The changes were saved."), "success")
        return redirect(url_for("directory.show_organisation", org_id=org.id))
    return render_template("directory/edit_organisation.html", org=org, form=form)
