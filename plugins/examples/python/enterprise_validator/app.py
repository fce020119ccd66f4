"""County rule `enterprise.validate`: safety manager required in listed industries.

When an enterprise's industry is one of the industries the county admin
configured (config key `industries`, comma-separated, default `WH`), the
record must name its safety manager and give that person's phone number.

Build (from plugins/, see scripts/build-plugin-examples.sh):

    componentize-py -d wit -w enterprise-validator componentize app \
        -p examples/python/enterprise_validator --stub-wasi -o enterprise-validator-python.wasm

Plugins have no clock, files, network or console: everything they may use
comes through `host` (log, config, lookup). Do not `print`: with
`--stub-wasi` stdout is a trapping stub.
"""

from wit_world import exports
from wit_world.imports import host
from wit_world.imports.types import Decision, Decision_Accept, Decision_Reject, FieldMessage, Invocation
from wit_world.exports.enterprise_validate import Enterprise

DEFAULT_INDUSTRIES = "WH"

# Chinese and English names of industries, for messages. Unknown codes fall
# back to the code itself.
INDUSTRY_NAMES = {"WH": ("危险化学品", "hazardous-chemicals")}


def configured_industries() -> set[str]:
    """The industry codes this rule applies to, from the county's config."""
    raw = host.config("industries")
    if raw is None:
        raw = DEFAULT_INDUSTRIES
    return {code.strip() for code in raw.split(",") if code.strip()}


def blank(value: str | None) -> bool:
    return value is None or not value.strip()


class EnterpriseValidate(exports.EnterpriseValidate):
    # The class name must match the exported interface (`enterprise-validate`).
    def validate(self, call: Invocation, record: Enterprise) -> Decision:
        industries = configured_industries()
        if record.industry not in industries:
            host.log(host.LogLevel.INFO,
                     f"{record.uscc}: industry {record.industry} not in [{', '.join(sorted(industries))}], safety manager not required")
            return Decision_Accept()

        zh, en = INDUSTRY_NAMES.get(record.industry, (f"{record.industry} 行业", f"{record.industry}-industry"))
        problems = []
        if blank(record.safety_manager):
            problems.append(FieldMessage(
                field="safety_manager",  # exchange-format (snake case) field key
                message_zh=f"{zh}企业必须填写安全管理人员",
                message_en=f"a {en} enterprise must name its safety manager"))
        if blank(record.safety_manager_phone):
            problems.append(FieldMessage(
                field="safety_manager_phone",
                message_zh=f"{zh}企业必须填写安全管理人员联系电话",
                message_en=f"a {en} enterprise must give its safety manager's phone number"))

        missing = ", ".join(p.field for p in problems) or "none"
        host.log(host.LogLevel.INFO,
                 f"{record.uscc}: industry {record.industry} requires a safety manager; missing: {missing}")
        return Decision_Reject(problems) if problems else Decision_Accept()
