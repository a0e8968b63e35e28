using CIA.Engine.Classification;
using CIA.Engine.Domain;
using CIA.Engine.Policy;

namespace CIA.Service;

// The JSON the service writes, as records: System.Text.Json writes them in snake_case with the domain converters
// (CIA.Engine.IO.Json), and the OpenAPI document describes them from the same types. The shapes follow
// `cia classify --format json [--explain]` and `cia rules --format json`.

/// <summary>Which policy period the classification is in.</summary>
public sealed record PolicyPeriodView(int From, int Until, bool CoversYear);

/// <summary>The quartile thresholds a classification used (€ per UC per year) and where they come from.</summary>
public sealed record ThresholdsView(Euros Q1, Euros Q2, Euros Q3, QuartileBoundary Boundary, string Source, string Epci);

/// <summary>The PLUS ceilings a classification used (ménage cible rule): zone, period in force and source.</summary>
public sealed record PlusCeilingsView(PlusRegion Region, DateOnly From, DateOnly Until, string Source);

/// <summary>A fired rule with the reason it gives for this application and its legal or CIA reference.</summary>
public sealed record RuleFiringView(string Rule, string Title, string Reason, string Reference);

/// <summary>One classified application, as a row of <c>cia classify --format json</c>.</summary>
public sealed record ApplicationClassification(
    string ApplicationId,
    ConsumptionUnits Uc,
    ResourcesPerUc ResourcesPerUc,
    int Quartile,
    bool Priority,
    PriorityCriteria PriorityCriteria,
    bool TargetHousehold,
    int PlusCategory,
    IReadOnlyList<string> FiredRules,
    IReadOnlyList<RuleFiringView>? Explanation);

/// <summary>The answer to <c>POST /v1/classify</c> and <c>POST /v1/explain</c>: the figures used, then the application.</summary>
public sealed record ClassifyResponse(
    string Policy,
    PolicyPeriodView? PolicyPeriod,
    int Year,
    ThresholdsView Thresholds,
    PlusCeilingsView PlusCeilings,
    ApplicationClassification Application);

/// <summary>The answer to <c>POST /v1/classify/batch</c>: the figures used, then the applications in the order given.</summary>
public sealed record ClassifyBatchResponse(
    string Policy,
    PolicyPeriodView? PolicyPeriod,
    int Year,
    ThresholdsView Thresholds,
    PlusCeilingsView PlusCeilings,
    IReadOnlyList<ApplicationClassification> Applications);

/// <summary>A rule of the catalogue, as <c>cia rules --format json</c> lists it.</summary>
public sealed record RuleView(string Id, string RuleSet, string Title, string Reference, string Description);

/// <summary>One problem of a policy: path in the YAML, 1-based line and column (0 when not tied to a place), message.</summary>
public sealed record PolicyProblemView(string Path, int Line, int Column, string Message);

/// <summary>The answer to <c>POST /v1/policy/check</c>: whether the policy is valid, and every problem found.</summary>
public sealed record PolicyCheckResponse(bool Valid, string? Name, int? Targets, IReadOnlyList<PolicyProblemView> Problems);

/// <summary>The answer to <c>GET /health</c>.</summary>
public sealed record HealthResponse(string Status, string Policy, int DefaultYear);
