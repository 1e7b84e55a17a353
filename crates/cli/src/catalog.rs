//! `oncodyn models`: every model of the workspace with its states, signals and
//! parameters (unit, admissible range, description), generated from the sub-models and
//! their `SPEC` tables so it cannot drift from the code.

use oncodyn_core::{Combine, ParamSpec, Parameters, Result, SubModel};
use std::fmt::Write as _;

/// One parameter table: its model name and rows.
pub type Table = (&'static str, &'static [ParamSpec]);

macro_rules! tables {
    ($($ty:ty),* $(,)?) => { vec![$((<$ty as Parameters>::MODEL, <$ty as Parameters>::SPEC)),*] };
}

/// One catalog entry.
pub struct Entry {
    /// Scenario-file table (`[[tumor_site]]`), or `None` for library-only models.
    pub table: Option<&'static str>,
    /// Crate and type.
    pub rust_type: &'static str,
    /// What it models and its source.
    pub summary: &'static str,
    /// An instance showing the states and signals (names built from its instance name).
    pub example: Option<Box<dyn SubModel>>,
    /// Parameter tables.
    pub tables: Vec<Table>,
}

/// Every model of the workspace.
pub fn entries() -> Result<Vec<Entry>> {
    use oncodyn_delivery as delivery;
    use oncodyn_immune as immune;
    use oncodyn_therapy as therapy;
    use oncodyn_tissue as tissue;
    use oncodyn_tumor as tumor;
    Ok(vec![
        Entry {
            table: Some("[[tumor_site]]"),
            rust_type: "oncodyn_tumor::TumorSite",
            summary: "a lesion growing by a growth law (exponential, logistic, Gompertz 1825, von Bertalanffy 1957, generalized Bertalanffy, power law, Simeoni 2004 exponential-linear), killed by an additive hazard, drugs (log-kill, Emax, Norton-Simon 1977), LQ radiation, seeding others at m x^alpha (Iwata et al. 2000)",
            example: Some(Box::new(
                tumor::TumorSite::new("primary", tumor::Gompertz::new(0.002, 1e13)?, 1e10)?
                    .with_log_kill("docetaxel.concentration", 2.5)?
                    .with_seeding("lung", tumor::MetastaticSeeding::iwata_2000())?,
            )),
            tables: tables!(
                tumor::Exponential, tumor::Logistic, tumor::Gompertz, tumor::GompertzBenzekry,
                tumor::VonBertalanffy, tumor::GeneralizedBertalanffy, tumor::PowerLaw,
                tumor::ExponentialLinear, tumor::LogKill, tumor::EmaxKill, tumor::NortonSimonKill,
                tumor::LinearQuadratic, tumor::MetastaticSeeding
            ),
        },
        Entry {
            table: None,
            rust_type: "oncodyn_tumor::Iwata",
            summary: "size-structured metastasis model: expected number and size distribution of metastases (Iwata, Kawasaki & Shigesada 2000, J Theor Biol 203:177-186)",
            example: None,
            tables: tables!(tumor::IwataParams),
        },
        Entry {
            table: Some("[[drug]]"),
            rust_type: "oncodyn_therapy::LinearPk",
            summary: "linear 1-3-compartment PK with optional first-order absorption; docetaxel presets Bruno et al. 1996 (J Pharmacokinet Biopharm 24:153-172) and Onoue et al. 2016",
            example: Some(Box::new(therapy::LinearPk::docetaxel()?)),
            tables: tables!(therapy::LinearPkParams, therapy::AbsorptionParams),
        },
        Entry {
            table: Some("[[antibody]]"),
            rust_type: "oncodyn_therapy::Antibody",
            summary: "one-compartment antibody PK (anti-PD-1 preset: half-life 22 days, 6 L, assumptions)",
            example: Some(Box::new(therapy::Antibody::anti_pd1()?)),
            tables: tables!(therapy::AntibodyParams),
        },
        Entry {
            table: Some("[[neutrophils]]"),
            rust_type: "oncodyn_tissue::Friberg",
            summary: "semi-mechanistic myelosuppression (Friberg et al. 2002, J Clin Oncol 20:4713-4721; Kloft 2006 presets), linear or Emax drug effect, optional stem-cell-strengthened feedback",
            example: Some(Box::new(
                tissue::Friberg::from_preset("neutrophils", &tissue::FribergPreset::docetaxel_linear_2002(), "docetaxel.concentration")?
                    .with_regeneration("regenerative.engrafted", tissue::RegenerationParams::flagship())?,
            )),
            tables: tables!(tissue::FribergParams, tissue::RegenerationParams),
        },
        Entry {
            table: Some("[[regenerative_cells]]"),
            rust_type: "oncodyn_tissue::RegenerativeCells",
            summary: "regenerative stem cells engrafted in the marrow, dR/dt = -kR R (assumption)",
            example: Some(Box::new(tissue::RegenerativeCells::new("regenerative", tissue::RegenerativeCellsParams::flagship())?)),
            tables: tables!(tissue::RegenerativeCellsParams),
        },
        Entry {
            table: None,
            rust_type: "oncodyn_tissue::{Quartino, Stiehl, Reconstitution, NormalTissue}",
            summary: "Quartino et al. 2014 neutrophils with G-CSF; Stiehl/Marciniak-Czochra hematopoiesis; Zheng et al. 2021 transplant reconstitution; normal-tissue LQ damage with repopulation",
            example: None,
            tables: tables!(tissue::QuartinoParams, tissue::StiehlParams, tissue::NormalTissueParams),
        },
        Entry {
            table: Some("[[effectors]]"),
            rust_type: "oncodyn_immune::Effectors",
            summary: "cytotoxic effector cells of Kuznetsov et al. 1994 (Bull Math Biol 56:295-321) with stem-cell immunomodulation (Di Nicola et al. 2002 band for native MSCs) and anti-PD-1 relief of inactivation",
            example: Some(Box::new(immune::Effectors::new("effectors", immune::EffectorsParams::flagship(), &["primary", "lung"])?)),
            tables: tables!(immune::EffectorsParams),
        },
        Entry {
            table: None,
            rust_type: "oncodyn_immune::{Kuznetsov, KuznetsovScaled, KirschnerPanetta, DePillis2005, DePillis2006}",
            summary: "tumor-immune units: Kuznetsov et al. 1994 (dimensional and scaled), Kirschner & Panetta 1998 (J Math Biol 37:235-252), de Pillis et al. 2005 (Cancer Res 65:7950-7958) and 2006 (J Theor Biol 238:841-862)",
            example: None,
            tables: tables!(
                immune::KuznetsovParams, immune::KuznetsovScaledParams, immune::KirschnerPanettaParams,
                immune::DePillis2005Params, immune::DePillis2006Params
            ),
        },
        Entry {
            table: Some("[[stem_cells]]"),
            rust_type: "oncodyn_delivery::StemCells",
            summary: "engineered stem cells: intravenous trafficking with lung entrapment (Lee et al. 2009, Cell Stem Cell 5:54-63), burden-driven homing to tumor sites, secreted-protein, prodrug-enzyme or virus payloads, immunomodulatory signal",
            example: Some(Box::new(delivery::StemCells::flagship("engineered", &["primary", "lung"])?)),
            tables: tables!(delivery::TraffickingParams, delivery::HomingParams, delivery::SecretedProtein),
        },
        Entry {
            table: None,
            rust_type: "oncodyn_delivery::{Wodarz, Bajzer, SteinCarT}",
            summary: "oncolytic virus dynamics (Wodarz 2001; Bajzer et al. 2008) and CAR-T cellular kinetics (Stein et al. 2019) as references for engineered cells",
            example: None,
            tables: tables!(delivery::WodarzParams, delivery::BajzerParams, delivery::SteinParams),
        },
    ])
}

/// The catalog as text.
pub fn render() -> Result<String> {
    let mut out = String::new();
    for entry in entries()? {
        let _ = writeln!(
            out,
            "{}  ({})",
            entry.rust_type,
            entry.table.unwrap_or("library only")
        );
        let _ = writeln!(out, "  {}", entry.summary);
        if let Some(example) = &entry.example {
            let name = example.name();
            let states: Vec<String> = example
                .states()
                .iter()
                .map(|v| format!("{name}.{} [{}]", v.name, v.unit))
                .collect();
            let _ = writeln!(out, "  states (instance `{name}`): {}", states.join(", "));
            let outputs: Vec<String> = example
                .outputs()
                .iter()
                .map(|s| {
                    let kind = if s.combine == Combine::Sum {
                        "additive"
                    } else {
                        "single"
                    };
                    format!("{} [{}] ({kind})", s.var.name, s.var.unit)
                })
                .collect();
            if !outputs.is_empty() {
                let _ = writeln!(out, "  publishes: {}", outputs.join(", "));
            }
            let inputs: Vec<String> = example
                .inputs()
                .iter()
                .map(|i| match i.default {
                    Some(d) => format!("{} [{}] (optional, default {d})", i.var.name, i.var.unit),
                    None => format!("{} [{}] (required)", i.var.name, i.var.unit),
                })
                .collect();
            if !inputs.is_empty() {
                let _ = writeln!(out, "  reads: {}", inputs.join(", "));
            }
        }
        for (model, rows) in &entry.tables {
            let _ = writeln!(out, "  parameters of {model}:");
            for row in *rows {
                let _ = writeln!(
                    out,
                    "    {:<10} [{}] in {}: {}",
                    row.name, row.unit, row.range, row.description
                );
            }
        }
        out.push('\n');
    }
    Ok(out)
}
