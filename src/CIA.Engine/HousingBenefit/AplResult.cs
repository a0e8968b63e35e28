using CIA.Engine.Domain;

namespace CIA.Engine.HousingBenefit;

/// <summary>
/// The monthly housing benefit of one household in one dwelling, with every intermediate value of the formula so that
/// it can be explained. Names in parentheses are OpenFisca-France's variables. Amounts the formula rounds are
/// <see cref="Euros"/>; values it keeps unrounded (P0, PP, the amount before dégressivité…) are exact decimals.
/// </summary>
public readonly struct AplResult
{
    /// <summary>The month computed (its first day: the figures in force that day apply to the whole month).</summary>
    public DateOnly Month { get; internal init; }

    /// <summary>Whether the dwelling is conventionné, so the amount is the APL (else the AL).</summary>
    public bool Conventionne { get; internal init; }

    /// <summary>L: the rent ceiling of the zone and household (<c>aide_logement_loyer_plafond</c>).</summary>
    public Euros RentCeiling { get; internal init; }

    /// <summary>The rent rounded to whole euros, half to even (<c>aide_logement_loyer_reel</c>): what dégressivité compares.</summary>
    public Euros RoundedRent { get; internal init; }

    /// <summary>The rent kept: the rounded rent, at most L (<c>aide_logement_loyer_retenu</c>).</summary>
    public Euros RentKept { get; internal init; }

    /// <summary>The zone-2 ceiling of the household, whatever the zone: the reference of the ratio RL (<c>aide_logement_loyer_reference</c>).</summary>
    public Euros ReferenceRent { get; internal init; }

    /// <summary>C: the charges forfait (<c>aide_logement_charges</c>).</summary>
    public Euros Charges { get; internal init; }

    /// <summary>P0: the minimal participation, max(8.5 % × (rent kept + C), forfait) (<c>aide_logement_participation_minimale</c>).</summary>
    public decimal MinimalParticipation { get; internal init; }

    /// <summary>The annual resource base R given.</summary>
    public Euros ResourceBase { get; internal init; }

    /// <summary>R0: the annual abattement of the household (<c>aide_logement_R0</c>).</summary>
    public Euros Abatement { get; internal init; }

    /// <summary>Rp = max(0, R − R0) (<c>aide_logement_ressources_apres_abattement</c>).</summary>
    public Euros ResourcesKept { get; internal init; }

    /// <summary>TF: the family rate (<c>aide_logement_taux_famille</c>).</summary>
    public decimal FamilyRate { get; internal init; }

    /// <summary>RL = rent kept ÷ zone-2 ceiling, unrounded (<c>aide_logement_rapport_loyers</c>).</summary>
    public decimal RentRatio { get; internal init; }

    /// <summary>TL: the rent rate, unrounded (<c>aide_logement_taux_loyer</c>).</summary>
    public decimal RentRate { get; internal init; }

    /// <summary>PP = P0 + (TF + TL) × Rp: the personal participation, monthly, unrounded (<c>aide_logement_participation_personnelle</c>).</summary>
    public decimal PersonalParticipation { get; internal init; }

    /// <summary>max(0, rent kept + C − PP), before the payment threshold (<c>aide_logement_montant_selectionne_avant_seuil</c>).</summary>
    public decimal AmountBeforeThreshold { get; internal init; }

    /// <summary>The payment threshold of the month and dwelling (seuil de versement).</summary>
    public Euros PaymentThreshold { get; internal init; }

    /// <summary>The amount once the threshold applied: 0 when below it (<c>aide_logement_montant_brut_avant_degressivite</c>).</summary>
    public decimal AmountBeforeDegressivity { get; internal init; }

    /// <summary>Whether the month has the high-rent dégressivité (from 2016-07-01) and the household is not exempt.</summary>
    public bool DegressivityApplies { get; internal init; }

    /// <summary>D = L × the dégressivité coefficient, to the cent (zero when dégressivité does not apply).</summary>
    public Euros DegressivityThreshold { get; internal init; }

    /// <summary>S = L × the suppression coefficient, to the cent (zero when dégressivité does not apply).</summary>
    public Euros SuppressionThreshold { get; internal init; }

    /// <summary>1 up to D, 0 above S, linear between (1 when dégressivité does not apply).</summary>
    public decimal DegressivityCoefficient { get; internal init; }

    /// <summary>The amount after dégressivité, to the cent from 2016-07-01 (unrounded before).</summary>
    public decimal AmountAfterDegressivity { get; internal init; }

    /// <summary>The flat cut deducted (minoration forfaitaire: 5 € from 2017-10-01).</summary>
    public Euros FlatCut { get; internal init; }

    /// <summary>The gross amount after dégressivité and flat cut, before RLS and CRDS (<c>aide_logement_montant_brut</c>).</summary>
    public decimal Gross { get; internal init; }

    /// <summary>The monthly RLS resource ceiling compared with R ÷ 12 (zero when the RLS does not apply: before 2018, not conventionné).</summary>
    public Euros RlsResourceCeiling { get; internal init; }

    /// <summary>The réduction de loyer de solidarité the landlord grants (<c>reduction_loyer_solidarite</c>); zero when not eligible.</summary>
    public Euros Rls { get; internal init; }

    /// <summary>The part of the RLS cut from the aid: 98 % of <see cref="Rls"/>.</summary>
    public decimal RlsCut { get; internal init; }

    /// <summary>max(0, gross − RLS cut): the amount the CRDS applies to (<c>aide_logement_montant_brut_crds</c>).</summary>
    public decimal GrossAfterRls { get; internal init; }

    /// <summary>The CRDS withheld, 0.5 % of <see cref="GrossAfterRls"/> (<c>crds_logement</c>, as a positive amount).</summary>
    public decimal Crds { get; internal init; }

    /// <summary>
    /// The monthly aid net of CRDS, to the cent (<c>aide_logement_montant</c>): OpenFisca's <c>apl</c> when the dwelling
    /// is conventionné, its <c>als</c>/<c>alf</c> otherwise.
    /// </summary>
    public Euros Amount { get; internal init; }
}
