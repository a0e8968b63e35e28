using System.Collections.Immutable;
using CIA.Engine.Domain;
using CIA.Engine.Policy;
using CIA.Engine.Targets;

namespace CIA.Engine.Reporting;

/// <summary>A previous year's report, as read back from its JSON (<see cref="ReportJson.ReadPrevious(string)"/>): the shares it published, by figure key.</summary>
/// <param name="Year">The year it reported on.</param>
/// <param name="Shares">Published shares by figure key (masked or undefined shares are absent).</param>
public sealed record PreviousReport(int Year, ImmutableSortedDictionary<string, decimal> Shares);

/// <summary>How to compose a report.</summary>
/// <param name="Language">The language; French by default.</param>
/// <param name="MaskBelow">Counts from 1 to this − 1 are masked in breakdowns; default <see cref="Disclosure.DefaultMaskBelow"/>; 0 or 1 masks nothing.</param>
/// <param name="Previous">Last year's report, for the trend.</param>
/// <param name="Intervals">95 % intervals of shares from Monte Carlo runs, by figure key (target id or <c>id/réservataire</c>).</param>
/// <param name="Source">What the leases are: e.g. "allocation records allocations.csv" or "one simulated year (seed 2016)".</param>
public sealed record ReportOptions(
    ReportLanguage Language = ReportLanguage.French,
    int MaskBelow = Disclosure.DefaultMaskBelow,
    PreviousReport? Previous = null,
    IReadOnlyDictionary<string, Interval>? Intervals = null,
    string? Source = null);

/// <summary>
/// Turns an <see cref="AnnualReport"/> into a <see cref="ReportDocument"/>: a plain-language summary first, then one
/// section per target, moves, the least-served, the trend, records not counted, confidentiality and traceability;
/// masking applied to every breakdown.
/// </summary>
/// <remarks>Thread-safe: static; each call builds its own document.</remarks>
public static class ReportComposer
{
    /// <summary>Composes the document.</summary>
    public static ReportDocument Compose(AnnualReport report, ReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        options ??= new ReportOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaskBelow);
        var c = new Composer(report, options);
        return c.Build();
    }

    /// <summary>Names of the communes and QPV the engine knows (Nantes Métropole), to label rows keyed by code.</summary>
    private static readonly Dictionary<string, string> CommuneNames =
        Territories.NantesMetropole.Communes.ToDictionary(c => c.Code.Value, c => c.Name, StringComparer.Ordinal);

    private static readonly Dictionary<string, string> QpvNames =
        Territories.NantesMetropoleQpvs.ToDictionary(q => q.Code.Value, q => q.Name, StringComparer.Ordinal);

    private sealed class Composer(AnnualReport report, ReportOptions options)
    {
        private readonly ReportText _t = ReportText.Of(options.Language);
        private readonly List<ReportFigure> _figures = [];

        private string T(string fr, string en) => _t.T(fr, en);

        public ReportDocument Build()
        {
            var sections = ImmutableArray.CreateBuilder<ReportSection>();
            var targetSections = report.Targets.Select(TargetSection).ToList(); // figures registered before the summary reads them
            sections.Add(Summary());
            sections.AddRange(targetSections);
            sections.Add(Moves());
            sections.Add(LeastServed());
            sections.Add(Trend());
            sections.Add(Records());
            sections.Add(Confidentiality());
            sections.Add(Limits());
            sections.Add(Traceability());
            var title = T($"Rapport annuel d'évaluation de la CIA — attributions {report.Year}", $"Annual CIA attainment report — allocations {report.Year}");

            // Every figure once, in document order: by section as listed, then as registered.
            var rank = sections.Select((section, i) => (section.Id, i)).ToDictionary(x => x.Id, x => x.i);
            var figures = _figures.Select((f, i) => (f, i)).OrderBy(x => rank[x.f.Section]).ThenBy(x => x.i)
                .Select(x => x.f).DistinctBy(f => f.Key).ToImmutableArray();
            return new ReportDocument(title, options.Language, options.MaskBelow, sections.ToImmutable(), figures, report.Year, report.Trace.EngineVersion);
        }

        private ReportSection Summary()
        {
            var p = ImmutableArray.CreateBuilder<string>();
            p.Add(T(
                $"Ce rapport mesure, cible par cible, l'atteinte des objectifs de la Convention Intercommunale d'Attribution (CIA) et de la loi Égalité et Citoyenneté (CCH L441-1) sur les {_t.Count(report.Counted)} baux signés en {report.Year}{SourceText()}.",
                $"This report measures, target by target, whether the Convention Intercommunale d'Attribution (CIA, the inter-municipal allocation agreement) and the loi Égalité et Citoyenneté (CCH L441-1) targets were attained on the {_t.Count(report.Counted)} leases signed in {report.Year}{SourceText()}."));
            var met = report.Targets.Where(r => r.Overall.Status is TargetStatus.Met or TargetStatus.Within).Select(r => r.Target.Id).ToList();
            var notMet = report.Targets.Where(r => r.Overall.Status is TargetStatus.NotMet or TargetStatus.Below).ToList();
            var above = report.Targets.Count(r => r.Overall.Status == TargetStatus.Above);
            var none = report.Targets.Count(r => r.Overall.Status == TargetStatus.NoAllocations);
            var indicators = report.Targets.Count(r => r.Kind == TargetKind.Indicator);
            p.Add(T($"Objectifs atteints (ou dans la fourchette) : {met.Count} ; non atteints (ou en dessous) : {notMet.Count} ; au-dessus d'une fourchette : {above} ; sans attribution à juger : {none} ; indicateurs sans seuil : {indicators}.",
                $"Targets met (or within their band): {met.Count}; not met (or below): {notMet.Count}; above a band: {above}; with no allocation to judge: {none}; indicators, no pass or fail: {indicators}."));
            foreach (var r in report.Targets)
            {
                p.Add(Sentence(r));
            }

            var rejected = report.Records - report.Counted;
            if (rejected > 0)
            {
                p.Add(T($"{_t.Count(rejected)} enregistrement(s) d'attribution sur {_t.Count(report.Records)} n'ont pas pu être comptés ; ils sont détaillés plus bas, aucun n'est écarté en silence.",
                    $"{_t.Count(rejected)} of {_t.Count(report.Records)} allocation records could not be counted; they are listed below, none is silently dropped."));
            }

            var rows = ImmutableArray.CreateBuilder<ReportRow>();
            foreach (var r in report.Targets)
            {
                rows.Add(FigureRow(r.Target.Id, "summary", _t.TargetTitle(r.Target), r.Target, r.Overall, r.ReferenceFigure, masked: (false, false)));
                foreach (var f in r.ByReservataire)
                {
                    rows.Add(FigureRow($"{r.Target.Id}/{Tokens<Reservataire>.Format(f.Reservataire)}", "summary", $"{_t.TargetTitle(r.Target)} — {_t.Reservataire(f.Reservataire)}", r.Target, f.Figure, null, masked: (false, false)));
                }
            }

            var table = new ReportTable("summary", T("Objectifs : ensemble et par réservataire", "Targets: overall and per réservataire"), FigureColumns(), rows.ToImmutable());
            return new ReportSection("summary", T("Synthèse", "Summary"), p.ToImmutable(), [table]);
        }

        /// <summary>A share as the JSON publishes it (6 decimals), so that a change against last year's JSON is 0 when nothing moved.</summary>
        private static decimal Published(decimal share) => decimal.Round(share, 6, MidpointRounding.AwayFromZero);

        private string SourceText() => options.Source is { Length: > 0 } s ? $" ({s})" : string.Empty;

        /// <summary>One sentence per target: where it stands and by how much.</summary>
        private string Sentence(TargetResult r)
        {
            var f = r.Overall;
            var title = _t.TargetTitle(r.Target);
            if (f.Status == TargetStatus.NoAllocations)
            {
                return T($"{title} : aucune attribution dans le champ, l'objectif ne peut être jugé.", $"{title}: no allocation in scope, the target cannot be judged.");
            }

            var share = _t.Share(f.Share!.Value);
            var head = $"{title} : {_t.Count(f.Numerator)} / {_t.Count(f.Denominator)} = {share}";
            if (r.Kind == TargetKind.Indicator)
            {
                return r.ReferenceFigure is { } reference
                    ? T($"{title} : {_t.Count(f.Numerator)} ménages, face à une capacité mobilisable de {_t.Count(reference)} logements par an (indicateur, sans seuil).",
                        $"{title}: {_t.Count(f.Numerator)} households, against a mobilisable capacity of {_t.Count(reference)} dwellings a year (an indicator, no pass or fail).")
                    : T($"{title} : {_t.Count(f.Numerator)} ménages (indicateur ; capacité mobilisable inconnue).", $"{title}: {_t.Count(f.Numerator)} households (an indicator; mobilisable capacity unknown).");
            }

            var bounds = _t.Bounds(f.Min?.Fraction, f.Max?.Fraction);
            var status = _t.Status(f.Status);
            var gap = Gap(f);
            return $"{head} ({bounds}) : {status}{gap}.".Replace(" :", T(" :", ":"), StringComparison.Ordinal);
        }

        /// <summary>By how much a target is missed or exceeded: percentage points and allocations.</summary>
        private string Gap(TargetFigure f)
        {
            var share = f.Share!.Value;
            switch (f.Status)
            {
                case TargetStatus.NotMet when f.Min is { } min && share < min.Fraction:
                case TargetStatus.Below when f.Min is { } bandMin && share < bandMin.Fraction:
                    {
                        var bound = f.Min!.Value.Fraction;
                        var missing = (int)decimal.Ceiling(bound * f.Denominator) - f.Numerator;
                        return T($", à {_t.Points((bound - share) * 100m).TrimStart('+', '−')} du seuil ; il aurait fallu {_t.Count(missing)} attribution(s) de plus",
                            $", {_t.Points((bound - share) * 100m).TrimStart('+', '−')} short; {_t.Count(missing)} more allocation(s) were needed");
                    }

                case TargetStatus.NotMet when f.Max is { } max:
                    {
                        var excess = f.Numerator - (int)decimal.Floor(max.Fraction * f.Denominator);
                        return T($", {_t.Points((share - max.Fraction) * 100m).TrimStart('+')} au-dessus du plafond ; {_t.Count(excess)} attribution(s) de trop",
                            $", {_t.Points((share - max.Fraction) * 100m).TrimStart('+')} over the ceiling; {_t.Count(excess)} allocation(s) too many");
                    }

                case TargetStatus.Above when f.Max is { } bandMax:
                    return T($", {_t.Points((share - bandMax.Fraction) * 100m).TrimStart('+')} au-dessus de la fourchette (ce n'est pas un manquement : la CIA demande de « tendre vers »)",
                        $", {_t.Points((share - bandMax.Fraction) * 100m).TrimStart('+')} above the band (not a miss: the CIA asks to \"tend towards\" it)");
                case TargetStatus.Met when f.Min is { } metMin:
                    return T($", {_t.Points((share - metMin.Fraction) * 100m).TrimStart('+')} au-dessus du seuil", $", {_t.Points((share - metMin.Fraction) * 100m).TrimStart('+')} above the threshold");
                default:
                    return string.Empty;
            }
        }

        private ReportSection TargetSection(TargetResult r)
        {
            var target = r.Target;
            var p = ImmutableArray.CreateBuilder<string>();
            p.Add(T($"Référence : {target.Reference}. Objectif : {_t.Bounds(target.Min?.Fraction, target.Max?.Fraction)}.", $"Reference: {target.Reference}. Target: {_t.Bounds(target.Min?.Fraction, target.Max?.Fraction)}."));
            p.Add(_t.Definition(target));
            if (target.Kind == TargetKind.Band)
            {
                p.Add(T("Une fourchette vers laquelle tendre : en dessous, dans la fourchette ou au-dessus ; au-dessus n'est pas un manquement.",
                    "A band to tend towards: below, within or above; above is not a miss."));
            }

            if (target.Kind == TargetKind.Indicator)
            {
                p.Add(r.ReferenceFigure is { } reference
                    ? T($"Indicateur sans seuil : {_t.Count(r.Overall.Numerator)} ménages face à une capacité mobilisable de {_t.Count(reference)} logements par an ({(r.ShareOfReference is { } s ? _t.Share(s) : ReportText.Undefined)}) ; la CIA en annonce 1 241 (Annexe 1).",
                        $"An indicator, no pass or fail: {_t.Count(r.Overall.Numerator)} households against a mobilisable capacity of {_t.Count(reference)} dwellings a year ({(r.ShareOfReference is { } s2 ? _t.Share(s2) : ReportText.Undefined)}); the CIA states 1 241 (Annexe 1).")
                    : T("Indicateur sans seuil ; la capacité mobilisable n'a pas pu être calculée.", "An indicator, no pass or fail; the mobilisable capacity could not be computed."));
            }

            var tables = ImmutableArray.CreateBuilder<ReportTable>();

            // The judged per-partner figures (per: reservataire): the target binds each partner, so they are published
            // as the overall figure is, never masked (the same rows as in the summary).
            if (!r.ByReservataire.IsEmpty)
            {
                var partners = r.ByReservataire.Select(f => FigureRow($"{target.Id}/{Tokens<Reservataire>.Format(f.Reservataire)}", "target-" + target.Id, _t.Reservataire(f.Reservataire), target, f.Figure, null, (false, false)));
                tables.Add(new ReportTable($"{target.Id}-partners", T("Par partenaire (objectif fixé pour chacun)", "Per partner (the target is set for each)"), FigureColumns(), [.. partners], ChartHint.Attainment, target));
            }

            foreach (var dimension in new[] { TargetBreakdown.Reservataire, TargetBreakdown.Landlord, TargetBreakdown.Commune, TargetBreakdown.Qpv })
            {
                // By name (ordinal), the row without a key (outside QPV, unknown) last: easier to find than by internal id.
                var rows = r.Breakdown.Where(b => b.Dimension == dimension).OrderBy(b => b.Key < 0).ThenBy(b => dimension == TargetBreakdown.Reservataire ? b.Key.ToString("D3", System.Globalization.CultureInfo.InvariantCulture) : b.Name, StringComparer.Ordinal).ToList();
                if (rows.Count == 0)
                {
                    continue;
                }

                var token = Tokens<TargetBreakdown>.Format(dimension);
                var keys = rows.Select(b => $"{target.Id}/{token}/{b.Name}").ToList();
                var labels = rows.Select(b => Label(dimension, b)).ToList();
                var chart = dimension switch
                {
                    TargetBreakdown.Landlord or TargetBreakdown.Reservataire => ChartHint.Attainment,
                    TargetBreakdown.Qpv => ChartHint.Band,
                    TargetBreakdown.Commune => ChartHint.Communes,
                    _ => ChartHint.None,
                };
                tables.Add(Breakdown(target, $"{target.Id}-{token}", _t.Dimension(dimension), keys, labels, [.. rows.Select(b => b.Figure)], chart));
            }

            return new ReportSection("target-" + target.Id, _t.TargetTitle(target), p.ToImmutable(), tables.ToImmutable());
        }

        private string Label(TargetBreakdown dimension, BreakdownRow b) => b.Key switch
        {
            -1 when dimension == TargetBreakdown.Qpv => T("hors QPV", "outside QPV"),
            -1 => T("inconnu", "unknown"),
            _ when dimension == TargetBreakdown.Reservataire => _t.Reservataire((Reservataire)b.Key),
            _ when dimension == TargetBreakdown.Commune && CommuneNames.TryGetValue(b.Name, out var commune) => $"{b.Name} {commune}",
            _ when dimension == TargetBreakdown.Qpv && QpvNames.TryGetValue(b.Name, out var qpv) => $"{b.Name} {qpv}",
            _ => b.Name,
        };

        /// <summary>A breakdown table, masked: counts 1 to threshold − 1, and (when its rows partition the published total) one more cell of a column with a single masked one.</summary>
        private ReportTable Breakdown(AllocationTarget target, string id, string title, List<string> keys, List<string> labels, List<TargetFigure> figures, ChartHint chart)
        {
            var (num, den) = Disclosure.Mask(figures.Select(f => f.Numerator).ToList(), figures.Select(f => f.Denominator).ToList(), options.MaskBelow);
            var rows = ImmutableArray.CreateBuilder<ReportRow>(figures.Count);
            for (var i = 0; i < figures.Count; i++)
            {
                rows.Add(FigureRow(keys[i], "target-" + target.Id, labels[i], target, figures[i], null, (num[i], den[i])));
            }

            return new ReportTable(id, title, FigureColumns(), rows.MoveToImmutable(), chart, target);
        }

        private ImmutableArray<ReportColumn> FigureColumns()
        {
            var columns = ImmutableArray.CreateBuilder<ReportColumn>();
            columns.Add(new ReportColumn(T("Figure", "Figure"), CellKind.Text));
            columns.Add(new ReportColumn(T("Numérateur", "Numerator"), CellKind.Count));
            columns.Add(new ReportColumn(T("Dénominateur", "Denominator"), CellKind.Count));
            columns.Add(new ReportColumn(T("Part", "Share"), CellKind.Share));
            columns.Add(new ReportColumn(T("Objectif", "Target"), CellKind.Text));
            columns.Add(new ReportColumn(T("Statut", "Status"), CellKind.Status));
            if (options.Previous is not null)
            {
                columns.Add(new ReportColumn(T($"Part {options.Previous.Year}", $"Share {options.Previous.Year}"), CellKind.Share));
                columns.Add(new ReportColumn(T("Évolution", "Change"), CellKind.Points));
            }

            return columns.ToImmutable();
        }

        private ReportRow FigureRow(string key, string section, string label, AllocationTarget target, TargetFigure f, int? reference, (bool Numerator, bool Denominator) masked)
        {
            Interval? interval = options.Intervals is { } intervals && intervals.TryGetValue(key, out var i) ? i : null;
            decimal? previous = options.Previous is { } prev && prev.Shares.TryGetValue(key, out var s) ? s : null;
            var shareMasked = masked.Numerator || masked.Denominator;
            _figures.Add(new ReportFigure(key, section, label, f.Numerator, f.Denominator, f.Share, f.Min?.Fraction, f.Max?.Fraction,
                target.Kind == TargetKind.Indicator ? null : f.Status, reference, masked.Numerator, masked.Denominator, interval, previous));
            var cells = ImmutableArray.CreateBuilder<ReportCell>();
            cells.Add(ReportCell.Of(label));
            cells.Add(ReportCell.OfCount(f.Numerator, masked.Numerator));
            cells.Add(ReportCell.OfCount(f.Denominator, masked.Denominator));
            cells.Add(ReportCell.OfShare(f.Share, shareMasked, interval));
            cells.Add(ReportCell.Of(target.Kind == TargetKind.Indicator && reference is { } r
                ? T($"indicateur (capacité {_t.Count(r)})", $"indicator (capacity {_t.Count(r)})")
                : _t.Bounds(f.Min?.Fraction, f.Max?.Fraction)));
            cells.Add(ReportCell.OfStatus(target.Kind == TargetKind.Indicator ? TargetStatus.Indicator : f.Status));
            if (options.Previous is not null)
            {
                cells.Add(ReportCell.OfShare(previous));
                cells.Add(ReportCell.OfPoints(previous is { } ps && f.Share is { } now && !shareMasked ? (Published(now) - ps) * 100m : null));
            }

            return new ReportRow(key, cells.ToImmutable());
        }

        private ReportSection Moves()
        {
            var columns = ImmutableArray.Create(
                new ReportColumn(T("Groupe", "Group"), CellKind.Text),
                new ReportColumn(T("Demandes au 1er janvier", "Applications on 1 January"), CellKind.Count),
                new ReportColumn(T("Logés dans l'année", "Housed in the year"), CellKind.Count),
                new ReportColumn(T("dont en QPV", "of which in QPV"), CellKind.Count),
                new ReportColumn(T("dont hors QPV", "of which outside QPV"), CellKind.Count),
                new ReportColumn(T("Part hors QPV", "Share outside QPV"), CellKind.Share),
                new ReportColumn(T("dont logement neuf", "of which new stock"), CellKind.Count),
                new ReportColumn(T("Année de mise en location inconnue", "Year first let unknown"), CellKind.Count),
                new ReportColumn(T("Part en logement neuf", "Share in new stock"), CellKind.Share));
            var rows = ImmutableArray.CreateBuilder<ReportRow>();
            foreach (var m in report.Mutations.Concat(report.Relocations))
            {
                var k = options.MaskBelow;
                var applicantsMasked = Disclosure.Small(m.Applicants, k);
                var housedMasked = Disclosure.Small(m.Housed, k);

                // In and outside QPV add up to the housed: one small hides both, so neither can be recomputed.
                var splitMasked = housedMasked || Disclosure.Small(m.HousedInQpv, k) || Disclosure.Small(m.HousedOutsideQpv, k);
                decimal? outsideShare = m.Housed == 0 ? null : (decimal)m.HousedOutsideQpv / m.Housed;
                var key = "moves/" + m.Group;
                var label = _t.Group(m.Group);
                _figures.Add(new ReportFigure(key, "moves", label + T(" — logés hors QPV", " — housed outside QPV"), m.HousedOutsideQpv, m.Housed, outsideShare, null, null, null, null, splitMasked, housedMasked, null,
                    options.Previous?.Shares.TryGetValue(key, out var ps) == true ? ps : null));
                // New, older and unknown add up to the housed: as for QPV, one small hides the split.
                var ageMasked = housedMasked || Disclosure.Small(m.HousedInNewStock, k) || Disclosure.Small(m.HousedInOlderStock, k) || Disclosure.Small(m.HousedAgeUnknown, k);
                var known = m.Housed - m.HousedAgeUnknown;
                decimal? newShare = known == 0 ? null : (decimal)m.HousedInNewStock / known;
                _figures.Add(new ReportFigure(key + "/new_stock", "moves", label + T(" — logés en logement neuf (année de mise en location connue)", " — housed in new stock (year first let known)"), m.HousedInNewStock, known, newShare,
                    null, null, null, null, ageMasked, ageMasked, null, options.Previous?.Shares.TryGetValue(key + "/new_stock", out var pn) == true ? pn : null));
                _figures.Add(new ReportFigure(key + "/housed", "moves", label + T(" — logés parmi les demandes au 1er janvier", " — housed among applications on 1 January"), m.Housed, m.Applicants,
                    m.Applicants == 0 ? null : (decimal)m.Housed / m.Applicants, null, null, null, null, housedMasked, applicantsMasked, null, null));
                rows.Add(new ReportRow(key, [
                    ReportCell.Of(label),
                    ReportCell.OfCount(m.Applicants, applicantsMasked),
                    ReportCell.OfCount(m.Housed, housedMasked),
                    ReportCell.OfCount(m.HousedInQpv, splitMasked),
                    ReportCell.OfCount(m.HousedOutsideQpv, splitMasked),
                    ReportCell.OfShare(outsideShare, splitMasked || housedMasked),
                    ReportCell.OfCount(m.HousedInNewStock, ageMasked),
                    ReportCell.OfCount(m.HousedAgeUnknown, ageMasked),
                    ReportCell.OfShare(newShare, ageMasked),
                ]));
            }

            var table = new ReportTable("moves", T("Mutations et relogements : où les ménages ont été logés", "Mutations and relocations: where households were housed"), columns, rows.ToImmutable());
            var p = ImmutableArray.Create(
                T("Une mutation est la demande d'un locataire du parc social. Un résident de QPV est un demandeur dont le logement actuel (current_dwelling_id) est un logement en QPV du parc fourni ; un demandeur dont le logement actuel n'est pas donné, ou hors du parc, n'est pas compté comme résident de QPV.",
                    "A mutation is a social tenant's application to move. A QPV resident is an applicant whose current dwelling (current_dwelling_id) is a dwelling in a QPV of the stock given; an applicant whose current dwelling is not given, or not in the stock, is not counted as a QPV resident."),
                T("Relogements : ménages relogés par une opération de renouvellement urbain (ANRU ou non), selon la demande (urban_renewal).",
                    "Relocations: households relocated by an urban-renewal operation (ANRU or not), as the application says (urban_renewal)."),
                T($"Logement neuf : logement social mis en location pour la première fois (RPLS : LOCAT) en {report.NewStockSince} ou après, soit « neuf ou livré depuis moins de {report.Year - report.NewStockSince + 1} ans » (CIA, annexe 2, charte de relogement ; new_stock_years dans la politique). La part en logement neuf est rapportée aux logements dont l'année est connue ; ceux sans année (colonne LOCAT absente ou vide) sont comptés à part.",
                    $"New stock: social housing first let (RPLS: LOCAT) in {report.NewStockSince} or later, that is \"new or delivered less than {report.Year - report.NewStockSince + 1} years ago\" (CIA Annexe 2, relocation charter; new_stock_years in the policy). The share in new stock is over the dwellings whose year is known; those without one (LOCAT column absent or empty) are counted apart."));
            return new ReportSection("moves", T("Mutations et relogements", "Mutations and relocations"), p, [table]);
        }

        private ReportSection LeastServed()
        {
            var columns = ImmutableArray.Create(
                new ReportColumn(T("Groupe", "Group"), CellKind.Text),
                new ReportColumn(T("Demandes au 1er janvier", "Applications on 1 January"), CellKind.Count),
                new ReportColumn(T("Sans bail au-delà du délai anormal", "Without a lease beyond the abnormal delay"), CellKind.Count),
                new ReportColumn(T("Part", "Share"), CellKind.Share));
            var rows = ImmutableArray.CreateBuilder<ReportRow>();
            foreach (var l in report.LeastServed)
            {
                var key = "least_served/" + l.Group;
                var masked = Disclosure.Small(l.Waiting, options.MaskBelow) || Disclosure.Small(l.Applicants - l.Waiting, options.MaskBelow);
                var applicantsMasked = Disclosure.Small(l.Applicants, options.MaskBelow);
                decimal? share = l.Applicants == 0 ? null : (decimal)l.Waiting / l.Applicants;
                _figures.Add(new ReportFigure(key, "least-served", _t.Group(l.Group), l.Waiting, l.Applicants, share, null, null, null, null, masked || applicantsMasked, applicantsMasked, null,
                    options.Previous?.Shares.TryGetValue(key, out var ps) == true ? ps : null));
                rows.Add(new ReportRow(key, [
                    ReportCell.Of(_t.Group(l.Group)),
                    ReportCell.OfCount(l.Applicants, applicantsMasked),
                    ReportCell.OfCount(l.Waiting, masked || applicantsMasked),
                    ReportCell.OfShare(share, masked || applicantsMasked),
                ]));
            }

            var p = ImmutableArray.Create(T(
                $"Demandes en attente au 1er janvier {report.Year}, sans bail dans l'année, et enregistrées depuis plus de {report.AbnormalDelayMonths} mois au 31 décembre (délai anormalement long de la politique, CCH L441-1-4). Le fichier de la demande ne dit pas quelles demandes ont été radiées ou abandonnées dans l'année : elles sont comptées comme en attente.",
                $"Applications pending on 1 January {report.Year}, without a lease in the year, registered for more than {report.AbnormalDelayMonths} months on 31 December (the policy's abnormal delay, délai anormalement long, CCH L441-1-4). The demand file does not say which applications were cancelled or lapsed during the year: they are counted as waiting."));
            return new ReportSection("least-served", T("Les moins bien servis", "The least-served"), p, [new ReportTable("least-served", T("Demandeurs du 1er quartile et prioritaires en attente", "1st-quartile and priority applicants waiting"), columns, rows.ToImmutable())]);
        }

        private ReportSection Trend()
        {
            if (options.Previous is not { } prev)
            {
                return new ReportSection("trend", T("Évolution", "Trend"),
                    [T("Aucun rapport précédent n'a été donné (--previous REPORT.json) : pas d'évolution.", "No previous report was given (--previous REPORT.json): no trend.")], []);
            }

            var columns = ImmutableArray.Create(
                new ReportColumn(T("Figure", "Figure"), CellKind.Text),
                new ReportColumn(prev.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), CellKind.Share),
                new ReportColumn(report.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), CellKind.Share),
                new ReportColumn(T("Évolution", "Change"), CellKind.Points));
            var rows = ImmutableArray.CreateBuilder<ReportRow>();
            foreach (var r in report.Targets)
            {
                var key = r.Target.Id;
                prev.Shares.TryGetValue(key, out var before);
                var had = prev.Shares.ContainsKey(key);
                rows.Add(new ReportRow(string.Empty, [
                    ReportCell.Of(_t.TargetTitle(r.Target)),
                    ReportCell.OfShare(had ? before : null),
                    ReportCell.OfShare(r.Overall.Share),
                    ReportCell.OfPoints(had && r.Overall.Share is { } now ? (Published(now) - before) * 100m : null),
                ]));
            }

            return new ReportSection("trend", T("Évolution", "Trend"),
                [T($"Parts de {report.Year} face à celles du rapport {prev.Year} donné avec --previous, figure par figure (même clé).", $"Shares of {report.Year} against those of the {prev.Year} report given with --previous, figure by figure (same key).")],
                [new ReportTable("trend", T("Évolution des objectifs", "Targets over time"), columns, rows.ToImmutable(), ChartHint.Trend)]);
        }

        private ReportSection Records()
        {
            var p = ImmutableArray.CreateBuilder<string>();
            var rejected = report.Records - report.Counted;
            p.Add(T($"{_t.Count(report.Records)} enregistrement(s) lus, {_t.Count(report.Counted)} comptés, {_t.Count(rejected)} non comptés.",
                $"{_t.Count(report.Records)} record(s) read, {_t.Count(report.Counted)} counted, {_t.Count(rejected)} not counted."));
            _figures.Add(new ReportFigure("records/counted", "records", T("enregistrements comptés", "records counted"), report.Counted, report.Records,
                report.Records == 0 ? null : (decimal)report.Counted / report.Records, null, null, null, null, false, false, null, null));
            var counts = ImmutableArray.CreateBuilder<ReportRow>();
            counts.Add(new ReportRow("records/counted", [ReportCell.Of(T("comptés", "counted")), ReportCell.OfCount(report.Counted)]));
            var examples = ImmutableArray.CreateBuilder<ReportRow>();
            foreach (var g in report.Problems)
            {
                var key = "records/" + ProblemToken(g.Kind);
                _figures.Add(new ReportFigure(key, "records", _t.Problem(g.Kind), g.Count, report.Records, report.Records == 0 ? null : (decimal)g.Count / report.Records, null, null, null, null, false, false, null, null));
                counts.Add(new ReportRow(key, [ReportCell.Of(_t.Problem(g.Kind)), ReportCell.OfCount(g.Count)]));
                foreach (var e in g.Examples)
                {
                    examples.Add(new ReportRow(string.Empty, [
                        ReportCell.Of(_t.Problem(g.Kind)),
                        ReportCell.Of(e.Problem.Line.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                        ReportCell.Of(e.Problem.ColumnName),
                        ReportCell.Of(e.Problem.Message),
                    ]));
                }
            }

            var tables = ImmutableArray.CreateBuilder<ReportTable>();
            tables.Add(new ReportTable("records", T("Enregistrements par sort", "Records by outcome"),
                [new ReportColumn(T("Sort", "Outcome"), CellKind.Text), new ReportColumn(T("Enregistrements", "Records"), CellKind.Count)], counts.ToImmutable()));
            if (examples.Count > 0)
            {
                p.Add(T($"Exemples : au plus {AnnualReport.MaxExamples} par motif, avec la ligne du fichier et les identifiants pseudonymes du fichier (message en anglais, tel que le lecteur le donne).",
                    $"Examples: at most {AnnualReport.MaxExamples} per reason, with the file's line and its pseudonymous ids."));
                tables.Add(new ReportTable("records-examples", T("Exemples d'enregistrements non comptés", "Examples of records not counted"),
                    [new ReportColumn(T("Motif", "Reason"), CellKind.Text), new ReportColumn(T("Ligne", "Line"), CellKind.Text), new ReportColumn(T("Colonne", "Column"), CellKind.Text), new ReportColumn(T("Détail", "Detail"), CellKind.Text)],
                    examples.ToImmutable()));
            }

            return new ReportSection("records", T("Enregistrements non comptés", "Records not counted"), p.ToImmutable(), tables.ToImmutable());
        }

        private static string ProblemToken(Tables.AllocationProblemKind kind) => kind switch
        {
            Tables.AllocationProblemKind.UnknownApplication => "unknown_application",
            Tables.AllocationProblemKind.UnknownDwelling => "unknown_dwelling",
            Tables.AllocationProblemKind.DuplicateApplication => "duplicate_application",
            Tables.AllocationProblemKind.DuplicateLease => "duplicate_lease",
            _ => "outside_year",
        };

        private ReportSection Confidentiality() => new("confidentiality", T("Secret statistique", "Statistical confidentiality"),
            [
                options.MaskBelow <= 1
                    ? T("Aucun effectif n'est masqué (--mask-below 0 ou 1) : ce rapport ne doit pas être publié tel quel.", "No count is masked (--mask-below 0 or 1): this report must not be published as it is.")
                    : T($"Dans les ventilations (par partenaire, réservataire, bailleur, commune, QPV, et les mutations, relogements et moins bien servis), les effectifs de 1 à {options.MaskBelow - 1} sont masqués, ainsi que le numérateur d'une ligne dont le complément (dénominateur − numérateur) est aussi petit. Masquage secondaire : quand une seule case d'une colonne dont le total est publié est masquée, la plus petite autre case l'est aussi, pour qu'on ne puisse la retrouver par différence. Les totaux et les statuts restent publiés. Seuil : {options.MaskBelow} (--mask-below).",
                        $"In breakdowns (per partner, réservataire, landlord, commune, QPV, and the mutations, relocations and least-served), counts from 1 to {options.MaskBelow - 1} are masked, and so is the numerator of a row whose complement (denominator − numerator) is that small. Secondary suppression: when a single cell of a column with a published total is masked, the smallest other cell is masked too, so that it cannot be recomputed by difference. Totals and statuses stay published. Threshold: {options.MaskBelow} (--mask-below)."),
            ], []);

        private ReportSection Limits() => new("limits", T("Ce que les données ne permettent pas", "What the data cannot support"),
            [
                .. (report.Mutations.Concat(report.Relocations).Any(m => m.HousedAgeUnknown > 0)
                    ? [T("Logement neuf ou non : des mutations ou relogements portent sur des logements sans année de mise en location (LOCAT) dans le fichier du parc ; ils ne sont comptés ni neufs ni anciens (colonne « année de mise en location inconnue »).",
                        "New stock or not: some mutations or relocations are on dwellings with no year first let (LOCAT) in the stock file; they are counted neither new nor older (column \"year first let unknown\").")]
                    : Array.Empty<string>()),
                T("Intervalles à 95 % : seulement quand le rapport porte sur des années simulées (cia simulate --runs 2 ou plus) ; des attributions réelles n'en ont pas.",
                    "95 % intervals: only when the report is on simulated years (cia simulate --runs 2 or more); real allocations have none."),
                T("Moins bien servis : radiations et abandons de l'année inconnus (voir plus haut).", "Least-served: cancellations and lapses during the year are unknown (see above)."),
                .. (options.Intervals is { Count: > 0 }
                    ? [T("Les intervalles à 95 % entre crochets sont ceux de la moyenne de la part sur les années simulées (loi de Student) ; la part affichée est celle de la première année.",
                        "The 95 % intervals in brackets are those of the mean share over the simulated years (Student's t); the share shown is the first year's.")]
                    : Array.Empty<string>()),
            ], []);

        private ReportSection Traceability()
        {
            var trace = report.Trace;
            var text = new ReportColumn(T("Élément", "Item"), CellKind.Text);
            var rows = ImmutableArray.CreateBuilder<ReportRow>();
            rows.Add(new ReportRow(string.Empty, [ReportCell.Of(T("version du moteur", "engine version")), ReportCell.Of("CIA.Engine " + trace.EngineVersion), ReportCell.Of(string.Empty)]));
            rows.Add(new ReportRow(string.Empty, [ReportCell.Of(T("politique", "policy")), ReportCell.Of(trace.PolicyName), ReportCell.Of("SHA-256 " + trace.PolicySha256)]));
            foreach (var f in trace.Files)
            {
                rows.Add(new ReportRow(string.Empty, [ReportCell.Of(f.Role), ReportCell.Of(f.Name), ReportCell.Of(f.Sha256.Length > 0 ? "SHA-256 " + f.Sha256 : T("intégré", "built in"))]));
            }

            var parameters = ImmutableArray.CreateBuilder<ReportRow>();
            foreach (var p in trace.Parameters)
            {
                parameters.Add(new ReportRow(string.Empty, [ReportCell.Of(p.Name), ReportCell.Of(p.Value), ReportCell.Of(p.Source)]));
            }

            return new ReportSection("traceability", T("Traçabilité", "Traceability"),
                [
                    T("De quoi refaire chaque chiffre : version du moteur, politique et fichiers d'entrée avec leur empreinte SHA-256, seuils et plafonds avec leur source.",
                        "What it takes to reproduce every figure: engine version, policy and input files with their SHA-256, thresholds and ceilings with their source."),
                    .. trace.Notes.Select(n => T("Note (en anglais, telle que le moteur la donne) : ", "Note: ") + n),
                ],
                [
                    new ReportTable("traceability", T("Moteur, politique, fichiers", "Engine, policy, files"), [text, new ReportColumn(T("Valeur", "Value"), CellKind.Text), new ReportColumn(T("Empreinte", "Hash"), CellKind.Text)], rows.ToImmutable()),
                    new ReportTable("parameters", T("Seuils et plafonds utilisés", "Thresholds and ceilings used"), [new ReportColumn(T("Paramètre", "Parameter"), CellKind.Text), new ReportColumn(T("Valeur", "Value"), CellKind.Text), new ReportColumn("Source", CellKind.Text)], parameters.ToImmutable()),
                ]);
        }
    }
}
