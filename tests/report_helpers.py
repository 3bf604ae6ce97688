"""Hand-built cases and results for the PDF tests (independent of the calculation core).

The figures are made up but consistent enough to read; the report must render them as given.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from estimator.model.case import Case, Dependant, WageMonth
from estimator.model.result import (
    CAA,
    PDB,
    TDB,
    CommutationOption,
    Dependants,
    Funeral,
    Info,
    InvalidityGrant,
    InvalidityPension,
    NotPayable,
    ParamUse,
    Payee,
    Result,
    RulesInfo,
    ScheduleGroup,
    SchedulePeriod,
    Step,
    SurvivorsPension,
    WageMonthInfo,
    Warning,
)

D = Decimal


def t(en: str, ms: str | None = None) -> dict[str, str]:
    return {"en": en, "ms": ms if ms is not None else f"[ms] {en}"}


def _param(key: str, value: str, prov: bool = False) -> ParamUse:
    return ParamUse(
        key=key,
        value=value,
        effective_from=date(2024, 10, 1),
        source="perkeso.gov.my (test)",
        confidence="INFERRED" if prov else "VERBATIM",
        provisional=prov,
        description=t(f"Parameter {key}", f"Parameter {key} (BM)"),
    )


def rules_info() -> RulesInfo:
    return RulesInfo(version="2026.1-test", sha256="ab" * 32, name="Test rule pack", origin="bundled")


def death_case(name: str = "Ahmad Faizal bin Osman") -> Case:
    return Case(
        scheme="employment_injury",
        incident_type="work_accident",
        outcome="death",
        event_date=date(2025, 11, 3),
        date_of_birth=date(1982, 5, 11),
        claimant_name=name,
        ic_number="820511-01-2468",
        case_reference="KL-2025/0042",
        monthly_wages=[WageMonth(month=f"2025-{m:02d}", wage=D("4200.00")) for m in range(5, 11)],
        funeral_expenses=D("3500.00"),
        dependants=[
            Dependant(relationship="spouse", date_of_birth=date(1984, 9, 23), name="Nor Aini binti Hassan"),
            Dependant(relationship="child", date_of_birth=date(2008, 2, 14), name="Aiman"),
            Dependant(
                relationship="child",
                date_of_birth=date(2012, 10, 30),
                name="Aisyah",
                in_higher_education=True,
            ),
            Dependant(relationship="child", date_of_birth=date(2019, 6, 1), name="Adam", disabled=True),
        ],
    )


def _wage_months() -> list[WageMonthInfo]:
    return [
        WageMonthInfo(
            month=f"2025-{m:02d}",
            wage=D("4200.00"),
            band_item=43,
            band="4100.01 – 4200.00",
            assumed_wage=D("4150.00"),
            table="2024-10",
            in_window=True,
            provisional=m == 10,
        )
        for m in range(5, 11)
    ]


def _steps() -> list[Step]:
    return [
        Step(
            id="wages.bands",
            title=t("Wage bands", "Jalur gaji"),
            formula=t("wage → band → assumed wage"),
            substituted=t("2025-05: RM4,200.00 → item 43 (4100.01 – 4200.00) → RM4,150.00"),
            result=t("RM4,150.00"),
            params=[_param("wages.band_table", "2024-10")],
            provisional=True,
            note=t("Band 43 is inferred.", "Jalur 43 disimpulkan."),
        ),
        Step(
            id="wages.average",
            title=t("Average assumed monthly wage", "Purata gaji bulanan andaian"),
            formula=t("sum / months"),
            substituted=t("(4,150.00 × 6) / 6 = 4,150.0000"),
            result=t("RM4,150.00"),
            rounding=t("None: kept exact.", "Tiada: dikekalkan tepat."),
            provisional=True,
        ),
        Step(
            id="dep.rate",
            title=t("Dependants' daily rate", "Kadar harian tanggungan"),
            formula=t("90% × ADW, at least RM30, at most RM178.50"),
            substituted=t("0.90 × 4,150.00 / 30 = 124.50"),
            result=t("RM124.50"),
            params=[_param("injury.ptd_rate", "0.90"), _param("injury.ptd_max", "178.50")],
            rounding=t("Half up to the sen.", "Separuh ke atas kepada sen."),
        ),
        Step(
            id="dep.shares",
            title=t("Shares", "Bahagian"),
            formula=t("spouse 3/5, each child 2/5, scaled"),
            substituted=t("3/5 + 3 × 2/5 = 9/5 > 1 → scaled: 3/9, 2/9, 2/9, 2/9"),
            result=t("3/9, 2/9, 2/9, 2/9"),
        ),
        Step(
            id="funeral",
            title=t("Funeral benefit", "Faedah pengurusan mayat"),
            formula=t("min(expenses, cap)"),
            substituted=t("min(3,500.00, 3,000.00) = 3,000.00"),
            result=t("RM3,000.00"),
            params=[_param("funeral.max", "3000.00", prov=True)],
            provisional=True,
        ),
        Step(
            id="tdb",
            title=t("TDB", "FHUS"),
            formula=t("80% × ADW × days"),
            substituted=t("110.67 × 20 = 2,213.40"),
            result=t("RM2,213.40"),
        ),
        Step(
            id="pdb",
            title=t("PDB", "FHUK"),
            formula=t("PTD × LEC"),
            substituted=t("124.50 × 30% = 37.35"),
            result=t("RM37.35"),
        ),
        Step(
            id="commute",
            title=t("Commutation", "Komutasi"),
            formula=t("daily/5 × 365 × factor"),
            substituted=t("7.47 × 365 × 14.2 = 38,717.01"),
            result=t("RM38,717.01"),
            provisional=True,
            params=[_param("commutation.table", "provisional", prov=True)],
        ),
    ]


def _group(rel: str, share: str, daily: str, monthly: str, indexes: list[int]) -> ScheduleGroup:
    return ScheduleGroup(
        relationship=rel, share=share, daily_rate=D(daily), monthly_amount=D(monthly), indexes=indexes
    )


def _schedule() -> tuple[list[Payee], list[SchedulePeriod]]:
    names = ["Nor Aini binti Hassan", "Aiman", "Aisyah", "Adam"]
    rels = ["spouse", "child", "child", "child"]
    dobs = [date(1984, 9, 23), date(2008, 2, 14), date(2012, 10, 30), date(2019, 6, 1)]
    ends = [None, date(2029, 2, 13), date(2037, 10, 29), None]
    payees = [
        Payee(
            index=i,
            relationship=rels[i],
            name=names[i],
            date_of_birth=dobs[i],
            share="3/9" if i == 0 else "2/9",
            share_percent=D("33.33") if i == 0 else D("22.22"),
            daily_rate=D("41.50") if i == 0 else D("27.67") if i < 3 else D("27.66"),
            monthly_amount=D("1245.00") if i == 0 else D("830.10") if i < 3 else D("829.80"),
            starts_on=date(2025, 11, 4),
            ends_on=ends[i],
            end_reason=t("for life", "seumur hidup")
            if ends[i] is None
            else t("turns 21", "mencapai umur 21"),
        )
        for i in range(4)
    ]
    periods = [
        SchedulePeriod(
            start=date(2025, 11, 4),
            end=date(2029, 2, 13),
            daily_total=D("124.50"),
            monthly_total=D("3735.00"),
            reason=t("First payment", "Bayaran pertama"),
            groups=[
                _group("spouse", "3/9", "41.50", "1245.00", [0]),
                _group("child", "2/9", "27.67", "830.10", [1, 2]),
                _group("child", "2/9", "27.66", "829.80", [3]),
            ],
        ),
        SchedulePeriod(
            start=date(2029, 2, 14),
            end=date(2037, 10, 29),
            daily_total=D("124.50"),
            monthly_total=D("3735.00"),
            reason=t("Aiman turns 21", "Aiman mencapai umur 21"),
            groups=[
                _group("spouse", "3/7", "53.36", "1600.80", [0]),
                _group("child", "2/7", "35.57", "1067.10", [2, 3]),
            ],
        ),
        SchedulePeriod(
            start=date(2037, 10, 30),
            end=None,
            daily_total=D("124.50"),
            monthly_total=D("3735.00"),
            reason=t("Aisyah's studies end", "Pengajian Aisyah tamat"),
            groups=[
                _group("spouse", "3/5", "74.70", "2241.00", [0]),
                _group("child", "2/5", "49.80", "1494.00", [3]),
            ],
        ),
    ]
    return payees, periods


def death_result() -> Result:
    payees, periods = _schedule()
    return Result(
        scheme="employment_injury",
        incident_type="work_accident",
        outcome="death",
        event_date=date(2025, 11, 3),
        age_at_event=43,
        average_assumed_monthly_wage=D("4150.00"),
        average_assumed_daily_wage=D("138.33"),
        wage_months=_wage_months(),
        benefits=[
            Dependants(
                title=t("Dependants' benefit", "Faedah orang tanggungan"),
                daily_rate=D("124.50"),
                monthly_amount=D("3735.00"),
                payees=payees,
                schedule=periods,
                step_ids=["wages.bands", "wages.average", "dep.rate", "dep.shares"],
                provisional=True,
            ),
            Funeral(
                title=t("Funeral benefit", "Faedah pengurusan mayat"),
                total=D("3000.00"),
                cap=D("3000.00"),
                expenses=D("3500.00"),
                step_ids=["funeral"],
                provisional=True,
            ),
            Info(
                code="EDUCATION",
                title=t("Education benefit (loan)", "Faedah pendidikan (pinjaman)"),
                conditions=[
                    t("Child under 21 at application.", "Anak di bawah 21 tahun semasa memohon."),
                    t("Studying full-time in Malaysia.", "Belajar sepenuh masa di Malaysia."),
                ],
            ),
        ],
        warnings=[
            Warning(
                code="w1",
                message=t("Remarriage rules are unverified.", "Peraturan perkahwinan semula belum disahkan."),
            )
        ],
        not_payable=[NotPayable(code="TDB", reason=t("No TDB after death.", "Tiada FHUS selepas kematian."))],
        steps=_steps()[:5],
        provisional=True,
        provisional_notes=[
            t(
                "The funeral cap of RM3,000 from 1 June 2024 is INFERRED.",
                "Had RM3,000 mulai 1 Jun 2024 adalah DISIMPULKAN.",
            ),
            t("Wage band 43 is inferred.", "Jalur gaji 43 disimpulkan."),
        ],
        rules=rules_info(),
        disclaimer=t(
            "This is an estimate, not PERKESO's decision.", "Ini anggaran, bukan keputusan PERKESO."
        ),
    )


def injury_case(name: str = "Rajesh a/l Kumar") -> Case:
    return Case(
        scheme="employment_injury",
        incident_type="commuting_accident",
        outcome="injury",
        event_date=date(2025, 3, 15),
        date_of_birth=date(1985, 7, 20),
        claimant_name=name,
        ic_number="850720-10-1234",
        medical_leave_days=30,
        loss_of_earning_capacity_percent=D("30"),
        injuries=["S11"],
        police_report_made=True,
        needs_constant_attendance=True,
        monthly_wages=[WageMonth(month=f"2024-{m:02d}", wage=D("3000.00")) for m in range(9, 13)],
    )


def injury_result() -> Result:
    return Result(
        scheme="employment_injury",
        incident_type="commuting_accident",
        outcome="injury",
        event_date=date(2025, 3, 15),
        age_at_event=39,
        average_assumed_monthly_wage=D("2950.00"),
        average_assumed_daily_wage=D("98.33"),
        wage_months=_wage_months()[:4],
        benefits=[
            TDB(
                title=t("Temporary disablement benefit", "Faedah hilang upaya sementara"),
                daily_rate=D("78.67"),
                days=30,
                total=D("2360.10"),
                first_day=date(2025, 3, 15),
                last_day=date(2025, 4, 13),
                step_ids=["tdb"],
            ),
            PDB(
                title=t("Permanent disablement benefit", "Faedah hilang upaya kekal"),
                daily_rate=D("26.55"),
                ptd_daily_rate=D("88.50"),
                monthly_amount=D("796.50"),
                monthly_amount_28=D("743.40"),
                monthly_amount_31=D("823.05"),
                loss_of_earning_capacity_percent=D("30"),
                total_disablement=False,
                step_ids=["pdb", "commute"],
                provisional=True,
                options=[
                    CommutationOption(
                        kind="commutation",
                        lump_sum=D("27504.90"),
                        monthly_amount=D("637.20"),
                        alternative_monthly_amount=D("796.50"),
                        commuted_daily_rate=D("5.31"),
                        remaining_daily_rate=D("21.24"),
                        age=39,
                        factor=D("14.19"),
                        break_even_age=D("53.4"),
                        provisional=True,
                        method=t(
                            "Annuity over remaining life expectancy at 6.5% a year.",
                            "Anuiti sepanjang jangka hayat pada 6.5% setahun.",
                        ),
                        step_id="commute",
                    )
                ],
            ),
            CAA(
                title=t("Constant-attendance allowance", "Elaun layanan sentiasa"), monthly_amount=D("500.00")
            ),
            InvalidityPension(
                title=t("Invalidity pension", "Pencen ilat"),
                rate_percent=D("50"),
                monthly_amount=D("1475.00"),
                daily_rate=D("47.58"),
                average_monthly_wage=D("2950.00"),
                qualifying="full",
                contributions=120,
            ),
            InvalidityGrant(
                title=t("Invalidity grant", "Bantuan ilat"),
                total=D("1200.00"),
                contributions_paid=D("1100.00"),
                interest=D("100.00"),
            ),
            SurvivorsPension(
                title=t("Survivors' pension", "Pencen penakat"),
                rate_percent=D("50"),
                monthly_amount=D("1475.00"),
                average_monthly_wage=D("2950.00"),
                qualifying="reduced",
                payees=[],
                schedule=[],
            ),
        ],
        steps=_steps()[5:],
        provisional=True,
        provisional_notes=[t("The commutation table is provisional.", "Jadual komutasi adalah sementara.")],
        rules=rules_info(),
        disclaimer=t("An estimate only.", "Anggaran sahaja."),
    )
