using System.Globalization;
using System.Text;
using System.Text.Json;
using CIA.Engine.Domain;
using CIA.Engine.Classification;
using CIA.Engine.Parameters;
using CIA.Engine.Policy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CIA.Service;

/// <summary>The routes of the service and what they answer.</summary>
internal static class Endpoints
{
    private const string Json = "application/json";
    private const string ProblemJson = "application/problem+json";

    /// <summary>The media types a policy may be posted as.</summary>
    public static readonly string[] YamlTypes = ["application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "text/plain"];

    public static void Map(IEndpointRouteBuilder app, ServiceState state)
    {
        var v1 = app.MapGroup("/v1");

        v1.MapPost("/classify", Handler(c => Classify(c, state, explain: false, batch: false)))
            .WithName("classify").WithSummary("Classify one application: priority household (which criteria), quartile, ménage cible, with the rules that fired.")
            .Accepts<ApplicationRequest>(Json).Produces<ClassifyResponse>(200, Json).WithProblems(400, 413, 415, 422);

        v1.MapPost("/classify/batch", Handler(c => Classify(c, state, explain: false, batch: true)))
            .WithName("classify_batch").WithSummary($"Classify many applications (a JSON array, at most {state.Options.MaxBatch}), in the order given.")
            .Accepts<ApplicationRequest[]>(Json).Produces<ClassifyBatchResponse>(200, Json).WithProblems(400, 413, 415, 422);

        v1.MapPost("/explain", Handler(c => Classify(c, state, explain: true, batch: false)))
            .WithName("explain").WithSummary("Classify one application and explain it: every rule that fired, with its reason and its reference (as cia classify --explain).")
            .Accepts<ApplicationRequest>(Json).Produces<ClassifyResponse>(200, Json).WithProblems(400, 413, 415, 422);

        v1.MapPost("/explain/batch", Handler(c => Classify(c, state, explain: true, batch: true)))
            .WithName("explain_batch").WithSummary($"Classify and explain many applications (a JSON array, at most {state.Options.MaxBatch}), in the order given.")
            .Accepts<ApplicationRequest[]>(Json).Produces<ClassifyBatchResponse>(200, Json).WithProblems(400, 413, 415, 422);

        v1.MapGet("/rules", () => Results.Json(state.Rules))
            .WithName("rules").WithSummary("Every rule: id, rule set, title, reference, what it checks (as cia rules --format json).")
            .Produces<RuleView[]>(200, Json);

        v1.MapGet("/parameters", () => Results.Json(state.Parameters))
            .WithName("parameters").WithSummary("Every dated legal figure: name, scope, periods in force with their value and source.")
            .Produces<ParameterEntry[]>(200, Json);

        v1.MapPost("/policy/check", Handler(c => CheckPolicy(c, state)))
            .WithName("policy_check").WithSummary("Check a policy file (YAML body): every problem with its path, line and column (as cia policy --check).")
            .Accepts<string>("application/yaml", YamlTypes[1..]).Produces<PolicyCheckResponse>(200, Json).WithProblems(400, 413, 415);

        app.MapGet("/health", () => Results.Json(new HealthResponse("ok", state.Classifier.Policy.Name, state.Classifier.Policy.DefaultYear)))
            .WithName("health").WithSummary("Liveness: the service answers, with the policy it classifies under.")
            .Produces<HealthResponse>(200, Json);
    }

    // A route handler, not a RequestDelegate: its IResult is written to the response.
    private static Delegate Handler(Func<HttpContext, Task<IResult>> handler) => handler;

    private static RouteHandlerBuilder WithProblems(this RouteHandlerBuilder route, params int[] statuses)
    {
        foreach (var status in statuses)
        {
            route = status == 400 ? route.ProducesValidationProblem() : route.ProducesProblem(status);
        }

        return route;
    }

    /// <summary>The classify and explain endpoints: the year and the body read once, then one application or a batch.</summary>
    private static async Task<IResult> Classify(HttpContext context, ServiceState state, bool explain, bool batch)
    {
        var (year, yearError) = Year(context, state);
        if (yearError is not null)
        {
            return yearError;
        }

        using var body = await ReadJson(context, state).ConfigureAwait(false);
        if (body.Error is not null)
        {
            return body.Error;
        }

        var root = body.Document!.RootElement;
        return batch ? ClassifyMany(root, state, year!, explain) : ClassifyOne(root, state, year!, explain);
    }

    private static IResult ClassifyOne(JsonElement root, ServiceState state, ClassificationYear y, bool explain)
    {
        var problems = new Problems();
        var application = ApplicationReader.Read(root, "$", problems);
        if (application is not { } a)
        {
            return Invalid(problems, "The application has invalid fields.");
        }

        return Results.Json(Response(state, y, a, explain));
    }

    /// <summary>The body of <c>/v1/classify</c> (or, with <paramref name="explain"/>, <c>/v1/explain</c>) for one application; <c>cia household</c> prints the same.</summary>
    internal static ClassifyResponse Response(ServiceState state, ClassificationYear y, RequestApplication a, bool explain) =>
        new(state.Classifier.Policy.Name, Period(state, y), y.Year, Thresholds(state, y), Plus(state, y), Classify(state, y, a, explain));

    private static IResult ClassifyMany(JsonElement root, ServiceState state, ClassificationYear y, bool explain)
    {
        var problems = new Problems();
        if (root.ValueKind != JsonValueKind.Array)
        {
            problems.Add("$", $"a batch is a JSON array of applications, not {ApplicationReader.Kind(root)}.");
            return Invalid(problems, "The batch is not an array.");
        }

        var max = state.Options.MaxBatch;
        if (root.GetArrayLength() > max)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "Too many applications.",
                detail: string.Create(CultureInfo.InvariantCulture, $"The batch holds {root.GetArrayLength()} applications; at most {max} are classified per request: split it."),
                extensions: new Dictionary<string, object?> { ["max_batch"] = max });
        }

        var applications = new List<RequestApplication>(root.GetArrayLength());
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var i = 0;
        foreach (var element in root.EnumerateArray())
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"$[{i}]");
            if (ApplicationReader.Read(element, path, problems) is { } a)
            {
                if (ids.TryGetValue(a.Id, out var earlier))
                {
                    problems.Add(path + ".application_id", string.Create(CultureInfo.InvariantCulture, $"is already used by $[{earlier}]: ids must be unique."));
                }
                else
                {
                    ids.Add(a.Id, i);
                }

                applications.Add(a);
            }

            i++;
        }

        if (problems.Count > 0)
        {
            return Invalid(problems, "Some applications have invalid fields; none was classified.");
        }

        var rows = new ApplicationClassification[applications.Count];
        for (var k = 0; k < rows.Length; k++)
        {
            rows[k] = Classify(state, y, applications[k], explain);
        }

        return Results.Json(new ClassifyBatchResponse(state.Classifier.Policy.Name, Period(state, y), y.Year, Thresholds(state, y), Plus(state, y), rows));
    }

    private static ApplicationClassification Classify(ServiceState state, ClassificationYear year, RequestApplication application, bool explain)
    {
        var classifier = year.Owner; // the policy's classifier, or the one for the EPCI asked (?epci=)
        var facts = classifier.Facts(application.Household, year);
        var r = classifier.Classify(in facts);
        RuleFiringView[]? explanation = explain
            ? [.. classifier.Rules.Explain(in facts, r.Fired).Select(f => new RuleFiringView(f.Rule.Id, f.Rule.Title, f.Reason, f.Rule.Reference))]
            : null;
        return new ApplicationClassification(
            application.Id, r.Uc, r.ResourcesPerUc, r.Quartile, r.IsPriority, r.Criteria, r.IsTargetHousehold, r.PlusCategory,
            classifier.Rules.FiredIds(r.Fired).Split('|', StringSplitOptions.RemoveEmptyEntries), explanation);
    }

    private static PolicyPeriodView? Period(ServiceState state, ClassificationYear year) =>
        state.Classifier.Policy.Period is { } p ? new PolicyPeriodView(p.From, p.Until, state.Classifier.Policy.Covers(year.Year)) : null;

    private static ThresholdsView Thresholds(ServiceState state, ClassificationYear y) =>
        new(y.Q1, y.Q2, y.Q3, state.Classifier.Policy.Quartiles.Boundary, y.ThresholdSource, y.Owner.Policy.Epci.Value);

    private static PlusCeilingsView Plus(ServiceState state, ClassificationYear y) =>
        new(state.Classifier.Policy.PlusRegion, y.Plus.From, y.Plus.Until, y.Plus.Source);

    /// <summary>
    /// The <c>year</c> query parameter (default: the policy's default year) and the <c>epci</c> one (default: the policy's
    /// EPCI; another EPCI's SIREN takes its published thresholds, docs/epci.md), resolved; or the problem to answer.
    /// </summary>
    private static (ClassificationYear? Year, IResult? Error) Year(HttpContext context, ServiceState state)
    {
        var policy = state.Classifier.Policy;
        var year = policy.DefaultYear;
        if (context.Request.Query.TryGetValue("year", out var values))
        {
            if (values.Count != 1 || !int.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out year)
                || year is < HouseholdClassifier.MinYear or > HouseholdClassifier.MaxYear)
            {
                var problems = new Problems();
                problems.Add("year", $"must be one year as digits, from {HouseholdClassifier.MinYear} to {HouseholdClassifier.MaxYear}, e.g. ?year=2026.");
                return (null, Invalid(problems, "The query has an invalid parameter."));
            }
        }

        var epci = policy.Epci;
        if (context.Request.Query.TryGetValue("epci", out var sirens))
        {
            if (sirens.Count != 1 || !EpciCode.TryParse(sirens[0], out epci))
            {
                var problems = new Problems();
                problems.Add("epci", sirens.Count == 1 ? Engine.Quartiles.EpciThresholdTable.NotASiren(sirens[0] ?? string.Empty) : "must be given once: the EPCI's nine-digit SIREN, e.g. ?epci=244400404.");
                return (null, Invalid(problems, "The query has an invalid parameter."));
            }
        }

        try
        {
            return (state.Year(year, epci), null);
        }
        catch (ParameterNotCoveredException e)
        {
            return (null, Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "No legal figures for that year.", detail: e.Message));
        }
    }

    private static IResult Invalid(Problems problems, string title)
    {
        var extensions = new Dictionary<string, object?> { ["problem_count"] = problems.Count };
        if (problems.Truncated)
        {
            extensions["truncated"] = $"only the first {Problems.Max} problems are listed.";
        }

        return Results.ValidationProblem(problems.ToDictionary(), title: title, detail: $"{problems.Count} problem(s); each is listed under the JSON path of the field.", extensions: extensions);
    }

    private sealed class JsonBody : IDisposable
    {
        public JsonDocument? Document { get; init; }

        public IResult? Error { get; init; }

        public void Dispose() => Document?.Dispose();
    }

    private static async Task<JsonBody> ReadJson(HttpContext context, ServiceState state)
    {
        if (!context.Request.HasJsonContentType())
        {
            return new JsonBody { Error = UnsupportedType(context, "application/json") };
        }

        if (TooLarge(context, state) is { } tooLarge)
        {
            return new JsonBody { Error = tooLarge };
        }

        try
        {
            var document = await JsonDocument.ParseAsync(context.Request.Body, new JsonDocumentOptions { MaxDepth = 16 }, context.RequestAborted).ConfigureAwait(false);
            return new JsonBody { Document = document };
        }
        catch (JsonException e)
        {
            var problems = new Problems();
            problems.Add(e.Path ?? "$", string.Create(CultureInfo.InvariantCulture,
                $"malformed JSON at line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1}: {FirstSentence(e.Message)}"));
            return new JsonBody { Error = Invalid(problems, "The body is not valid JSON.") };
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new JsonBody { Error = BodyTooLarge(context, state) };
        }
    }

    // JsonException messages end with "Path: $ | LineNumber: 0 | BytePositionInLine: 3.", given separately here.
    private static string FirstSentence(string message)
    {
        foreach (var marker in new[] { " Path: ", " LineNumber: " })
        {
            var cut = message.IndexOf(marker, StringComparison.Ordinal);
            if (cut > 0)
            {
                message = message[..cut];
            }
        }

        return message;
    }

    private static IResult? TooLarge(HttpContext context, ServiceState state) =>
        context.Request.ContentLength > state.Options.MaxRequestBytes ? BodyTooLarge(context, state) : null;

    private static IResult BodyTooLarge(HttpContext context, ServiceState state)
    {
        // The rest of the body is not read: the connection is closed after the answer, and the client told so, lest it
        // send its next request on a connection about to close.
        context.Response.Headers.Connection = "close";
        return TooLargeProblem(state);
    }

    private static IResult TooLargeProblem(ServiceState state) => Results.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "The request body is too large.",
        detail: string.Create(CultureInfo.InvariantCulture, $"At most {state.Options.MaxRequestBytes} bytes are read per request (cia serve --max-request-bytes)."),
        extensions: new Dictionary<string, object?> { ["max_request_bytes"] = state.Options.MaxRequestBytes });

    private static IResult UnsupportedType(HttpContext context, string expected) => Results.Problem(
        statusCode: StatusCodes.Status415UnsupportedMediaType,
        title: "Unsupported media type.",
        detail: $"Send the body as {expected} (Content-Type header); got {(string.IsNullOrEmpty(context.Request.ContentType) ? "none" : "'" + context.Request.ContentType + "'")}.");

    private static async Task<IResult> CheckPolicy(HttpContext context, ServiceState state)
    {
        var type = context.Request.ContentType is { } ct ? ct.Split(';')[0].Trim() : string.Empty;
        if (!YamlTypes.Contains(type, StringComparer.OrdinalIgnoreCase))
        {
            return UnsupportedType(context, "YAML (application/yaml, text/yaml or text/plain)");
        }

        if (TooLarge(context, state) is { } tooLarge)
        {
            return tooLarge;
        }

        string text;
        try
        {
            using var reader = new StreamReader(context.Request.Body, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
            text = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        }
        catch (DecoderFallbackException)
        {
            var problems = new Problems();
            problems.Add("$", "the policy is not UTF-8 text.");
            return Invalid(problems, "The body is not UTF-8.");
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return BodyTooLarge(context, state);
        }

        try
        {
            var policy = PolicyLoader.Load(new StringReader(text), "request body");
            _ = new HouseholdClassifier(policy, state.Classifier.Parameters); // the PLUS-region check needs the parameters
            return Results.Json(new PolicyCheckResponse(true, policy.Name, policy.Targets.Length, []));
        }
        catch (PolicyException e)
        {
            return Results.Json(new PolicyCheckResponse(false, null, null, [.. e.Problems.Select(p => new PolicyProblemView(p.Path, p.Line, p.Column, p.Message))]));
        }
        catch (ParameterNotCoveredException e)
        {
            return Results.Json(new PolicyCheckResponse(false, null, null, [new PolicyProblemView("plus_region", 0, 0, e.Message)]));
        }
    }
}
