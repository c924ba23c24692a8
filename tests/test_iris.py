from kg import iris
from kg.namespaces import ID

UA = ID + "state/ukraine"
RU = ID + "state/russia"


def test_iris_exchange_is_independent_of_party_order():
    assert iris.exchange("2025-06-10", (UA, RU)) == iris.exchange("2025-06-10", (RU, UA))
    assert iris.exchange("2025-06-10", (UA, RU)) == ID + "exchange/2025-06-10-russia-ukraine"


def test_iris_exchange_differs_by_start_date():
    assert iris.exchange("2025-06-10", (UA, RU)) != iris.exchange("2025-06-12", (UA, RU))


def test_iris_transfer_keeps_direction():
    e = iris.exchange("2025-06-10", (UA, RU))
    assert iris.transfer(e, UA, RU) != iris.transfer(e, RU, UA)
    assert iris.transfer(e, None, RU).endswith("/transfer/unknown-to-russia")


def test_iris_further_transfer_one_way_is_told_apart_by_its_category():
    e = iris.exchange("2025-06-10", (UA, RU))
    wounded = "https://w3id.org/powkg/ontology#SeriouslyWoundedOrIll"
    assert (
        iris.transfer(e, UA, RU, wounded) == e + "/transfer/ukraine-to-russia-SeriouslyWoundedOrIll"
    )


def test_iris_stage_names_its_series():
    e = iris.exchange("2025-06-10", (UA, RU))
    assert iris.stage(e, 2, None) == e + "/stage/2"
    assert iris.stage(e, 1, "https://w3id.org/powkg/ontology#Under25") == e + "/stage/1-Under25"


def test_iris_statement_ignores_case_and_punctuation():
    a = iris.statement(UA, "We continue the return of our people.")
    b = iris.statement(UA, "we continue the return of our people")
    assert a == b
    assert a != iris.statement(RU, "We continue the return of our people.")
