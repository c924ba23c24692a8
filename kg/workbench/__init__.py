"""The analyst's workbench that ``kg serve`` adds in front of Oxigraph.

Pages and the web API are answered by kg itself (:mod:`kg.workbench.site`); ad-hoc
SPARQL still goes to Oxigraph through :mod:`kg.proxy`. The modules follow the
request: :mod:`~kg.workbench.site` routes it, :mod:`~kg.workbench.api` runs a saved
query exactly as ``kg query`` does, :mod:`~kg.workbench.openapi` describes those
endpoints, :mod:`~kg.workbench.evidence` gathers what supports one resource and
:mod:`~kg.workbench.pages` writes it as HTML. Static files are in ``assets/``.
"""
