"""schemathesis fuzzes the running server's JSON API from its own OpenAPI schema.

Every registered check is on. Each operation is fuzzed with generated ids and with the seeded
world's ids (so requests reach real records, not only 404s), as the owner; deletes run as a
stranger (who must be refused) and last as the owner. A stateful run then chains operations by
the links schemathesis infers from the schema (create, read, change, delete what was made).
No answer may be a 5xx, and every error must be in the one error shape.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from typing import Any

import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import CHECKS, is_check_class
from schemathesis.core.failures import Failure
from schemathesis.core.parameters import ParameterLocation
from schemathesis.specs.openapi import checks

from tests.server.conftest import Server
from tests.server.matrix import BY_PREFIX

# Examples per operation and pass: about 50 operations, so the whole test stays near a minute.
EXAMPLES = 8
SEEDED_EXAMPLES = 5
SCENARIOS, STEPS = 15, 6
# A schema-valid body the server refuses by a rule the schema does not state. One schema serves
# both adding a record, where some fields are needed, and changing one, where none is; a round
# number must be free; an offer needs an opportunity or must be the current job, and a currency
# nextround knows; Django's email and web-address validators are stricter than any JSON Schema
# format; a time is read in the forms people type (2026-05-04T10:00), which no format names; a
# decimal keeps its places, which a JSON number (a binary float) cannot promise; a job's params
# are free-form JSON, whose text the database must be able to keep. Such a 422, in
# the error shape and naming only these rules, is the server keeping them; any other refusal
# of a schema-valid request fails the test.
RULES_PAST_THE_SCHEMA = re.compile(
    "|".join(
        (
            r"This field cannot be blank\.",
            r"This opportunity already has a round with this number\.",
            r"an offer needs an opportunity, or mark it as the current job",
            r"is not a currency nextround knows",
            r"Enter a valid (email address|URL)\.",
            r"is not a web address",
            r"is not a date and time such as [-0-9T:+]+",
            r"Ensure that there are no more than \d+ decimal places?\.",
            r"must not contain NUL characters|is nested too deeply",
        )
    )
)
# The order the owner's deletes run in, children first, so that each can find its record.
DELETE_ORDER = ("questions", "feedback", "requirements", "interviewers", "rounds", "shares")


class Run:
    """What one fuzzing run saw: statuses, tolerated refusals, and failures."""

    def __init__(self, server: Server, tokens: dict[str, str], ids: dict[str, int]) -> None:
        self.server, self.tokens, self.ids = server, tokens, ids
        self.acting = "owner"
        self.statuses: Counter[int] = Counter()
        self.kept_rules = 0
        self.failures: list[str] = []
        self.checks = [c for c in CHECKS.get_all() if not is_check_class(c)]
        # ignored_auth re-sends a request without and with wrong credentials; as in schemathesis's
        # own runs, one confirmation per operation is enough.
        self.auth_confirmed: set[str] = set()

    def seeded_path(self, case: Any) -> None:
        """Point the case's path at the seeded record its route names."""
        negative = case.meta is not None and case.meta.is_negative_at(ParameterLocation.PATH)
        if not case.path_parameters or negative:
            return
        first = case.path.split("/")[2]
        case.path_parameters = dict.fromkeys(case.path_parameters, self.ids[BY_PREFIX[first]])

    def judge(self, case: Any, response: Any, error: BaseException | None) -> None:
        self.statuses[response.status_code] += 1
        label = f"{case.method} {case.formatted_path} as {self.acting}"
        if response.status_code >= 400:
            try:
                body = response.json()
            except ValueError:
                body = {"not JSON": response.text[:200]}
            if set(body) != {"error"} or set(body["error"]) != {"code", "message", "fields"}:
                self.failures.append(f"{label}: error shape {body}")
                return
        if error is None:
            return
        found = list(error.exceptions) if isinstance(error, BaseExceptionGroup) else [error]
        if all(self.keeps_a_rule(f, response) for f in found):
            self.kept_rules += 1
            return
        self.failures.append(f"{label}: {error}"[:2000])

    def keeps_a_rule(self, failure: BaseException, response: Any) -> bool:
        if not isinstance(failure, Failure) or failure.code != "ST202":
            return False
        if response.status_code != 422:
            return False
        fields = response.json()["error"]["fields"]
        texts = [t for messages in fields.values() for t in messages]
        return bool(texts) and all(RULES_PAST_THE_SCHEMA.search(t) for t in texts)

    def checks_for(self, case: Any, response: Any) -> list[Any]:
        label = f"{case.method} {case.path}"
        if label in self.auth_confirmed:
            return [c for c in self.checks if c is not checks.ignored_auth]
        if 200 <= response.status_code < 300:
            self.auth_confirmed.add(label)
        return self.checks

    def check(self, case: Any) -> None:
        response = case.call(base_url=self.server.url, timeout=30)
        try:
            case.validate_response(response, checks=self.checks_for(case, response))
        except (Exception, BaseExceptionGroup) as exc:  # schemathesis's failures: judge them
            self.judge(case, response, exc)
        else:
            self.judge(case, response, None)


def _fuzz(operation: Any, run: Run, examples: int, seeded: bool) -> None:
    @given(case=operation.as_strategy())
    @settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def fuzz(case: Any) -> None:
        if seeded:
            run.seeded_path(case)
        run.check(case)

    fuzz()


def _stateful(schema: Any, run: Run) -> int:
    base = schema.as_state_machine()
    steps = 0

    class Machine(base):  # type: ignore[misc, valid-type]
        def call(self, case: Any, **kwargs: Any) -> Any:
            nonlocal steps
            steps += 1
            return case.call(base_url=run.server.url, timeout=30)

        def step(self, input: Any) -> Any:
            # Nothing may escape a step: Hypothesis would replay it against a server whose
            # records have moved on. Whatever went wrong is a failure of this run.
            try:
                return super().step(input)
            except Exception as exc:
                run.failures.append(f"stateful step {input.case.method} {input.case.path}: {exc!r}")
                raise

        def validate_response(self, response: Any, case: Any, **kwargs: Any) -> None:
            try:
                case.validate_response(response, checks=run.checks_for(case, response))
            except (Exception, BaseExceptionGroup) as exc:
                run.judge(case, response, exc)
            else:
                run.judge(case, response, None)

    Machine.run(
        settings=settings(
            max_examples=SCENARIOS,
            stateful_step_count=STEPS,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
            phases=[Phase.generate],
        )
    )
    return steps


def _delete_rank(operation: Any) -> int:
    first = operation.path.split("/")[2]
    return DELETE_ORDER.index(first) if first in DELETE_ORDER else len(DELETE_ORDER)


def test_every_generated_request_gets_a_documented_answer(
    seeded: tuple[Server, dict[str, Any]],
) -> None:
    server, data = seeded
    started = time.monotonic()
    schema = schemathesis.openapi.from_url(server.url + "/api/openapi.json")
    run = Run(server, data["tokens"], data["ids"])

    @schema.auth(refresh_interval=None)
    class Token:
        def get(self, case: Any, context: Any) -> str:
            return run.tokens[run.acting]

        def set(self, case: Any, token: str, context: Any) -> None:
            case.headers = {**(case.headers or {}), "Authorization": "Bearer " + token}

    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 45
    assert len(run.checks) >= 10  # every registered check, ignored_auth and positive data too
    deletes = sorted((o for o in operations if o.method.lower() == "delete"), key=_delete_rank)
    for operation in operations:
        if operation not in deletes:
            _fuzz(operation, run, EXAMPLES, seeded=False)
            if "{" in operation.path:
                _fuzz(operation, run, SEEDED_EXAMPLES, seeded=True)
    # A stranger deleting the seeded records is refused every time...
    run.acting = "stranger"
    refused = Counter(run.statuses)
    for operation in deletes:
        _fuzz(operation, run, SEEDED_EXAMPLES, seeded=True)
    stranger = run.statuses - refused
    assert stranger and set(stranger) <= {403, 404, 422}, stranger
    # ...then the owner deletes them, children first, and a stateful run makes its own.
    run.acting = "owner"
    before = Counter(run.statuses)
    for operation in deletes:
        _fuzz(operation, run, SEEDED_EXAMPLES, seeded=True)
    assert (run.statuses - before)[204] >= len(deletes) - 1, run.statuses - before
    stateless = round(time.monotonic() - started)
    steps = _stateful(schema, run)
    total = sum(run.statuses.values())
    print(
        f"schemathesis: {len(operations)} operations, {len(run.checks)} checks, {total} requests "
        f"({steps} in {SCENARIOS} stateful scenarios), statuses {sorted(run.statuses.items())}, "
        f"{run.kept_rules} refused by rules past the schema, "
        f"{stateless} s stateless, {round(time.monotonic() - started)} s in all"
    )
    assert not [s for s in run.statuses if s >= 500]
    assert not run.failures, "\n".join(run.failures[:10])
    # The seeded ids reached real records: many reads by the owner succeeded (195 to 260 of
    # them in runs here, however loaded the machine; a run that reaches none finds few bugs).
    assert run.statuses[200] > 150


def test_an_unknown_api_path_and_a_malformed_body_get_the_error_shape(
    seeded: tuple[Server, dict[str, Any]],
) -> None:
    server, data = seeded
    headers = {"Authorization": "Bearer " + data["tokens"]["owner"]}
    bad = requests.post(
        server.url + "/api/opportunities",
        data=b"{not json",
        headers={**headers, "Content-Type": "application/json"},
        timeout=10,
    )
    assert bad.status_code in (400, 422)
    assert set(bad.json()["error"]) == {"code", "message", "fields"}
    wrong_token = requests.get(
        server.url + "/api/opportunities", headers={"Authorization": "Bearer nrt_nope"}, timeout=10
    )
    assert wrong_token.status_code == 401
    assert wrong_token.json()["error"]["code"] == "not_authenticated"
    assert re.fullmatch(r"[a-z_]+", wrong_token.json()["error"]["code"])
