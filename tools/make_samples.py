"""Write the two sample plans in resources/samples/ from the published plans in shared/seeds.

    python tools/make_samples.py [OUTPUT_DIR]

`social-care-2018.xlsx` is the 2018 social care plan as an HMPPS secretary keeps it: a title
block, section heading rows merged across the table, one row per recommendation with its
paragraphs and owners on lines of their own, month targets typed into Excel (real dates shown
as "March 2019"), and the Definitions sheet.

`accommodation-2020.xlsx` is the 2020 accommodation plan as a PDF-to-Excel conversion leaves it:
the Covid-19 notice and the header repeated at each page, recommendations and responses cut
where the published pages break, the web page's <p>/<ul><li> markup left in the cells, rows of
dashes, one owner cell mangled by a wrong encoding, and the summary block at the bottom.

Both are the first fixtures of the importer's tests and what a new user loads to try the
application; their text is the seeds' text, word for word.
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from actionplans.exporters.definitions import DEFINITION_HEADERS, DEFINITIONS, HEADERS  # noqa: E402

OWNER_HEADER_2020 = (
    "5. Responsible Owner (including named individuals and their functional role or department)"
)
NOTICE_2020 = (
    "Actions with future target dates may be delayed due to Covid-19 related disruptions to "
    "service delivery"
)
PD = "Prison Directorate"
RSCG = "Rehabilitation Systems and Change Group"
JAOPG = "Justice Analysis and Offender Policy Group"
TRIO = "HMPPS, DHSC and Welsh Government"

# ---------------------------------------------------------------------------------------------
# 2018: social care in prisons (tidy). Rows are ("heading", text) or (ref, recommendation,
# decision, paragraphs, owners, target); a target is text or a (year, month) typed as a date.
# ---------------------------------------------------------------------------------------------
SOCIAL_CARE_TITLE = (
    "Action Plan: HMP Thematic – Social Care in Prisons in England & Wales",
    "Action Plan Submitted: 17 December 2018",
    "A Response to the HMIP Inspection – Social care in Prisons in England & Wales",
    "Report Published: 16 October 2018",
)
SOCIAL_CARE = (
    ("heading", "To the Secretary of State for Justice"),
    (
        "1",
        "The Secretary of State for Justice should lead coordination of cross-departmental work "
        "to develop a strategy for delivering social care in prisons in England and Wales.",
        "Not Agreed",
        (
            "The Care Act 2014 and the Social Services and Well-being (Wales) Act 2014 clarify "
            "that Local Authorities are responsible for ensuring that social care for adults in "
            "prisons is provided on an equivalent basis to that for people living in the "
            "community, not the Ministry of Justice or HMPPS.",
            "Local Authorities in England and Wales that have a prison within their geographical "
            "area are responsible for assessing and meeting the eligible social care and support "
            "needs of adult prisoners detained in their areas. For this reason, we are not able "
            "to accept this recommendation, but nevertheless recognise the importance of this "
            "issue.",
            "The Ministry of Justice recognises that the number and proportion of the prison "
            "population that are older prisoners (defined as 50 and over) has increased and is "
            "projected to keep growing. This cohort of prisoners are likely to have greater "
            "social care needs and the Ministry of Justice will work with the Department for "
            "Health and Social Care, the Ministry for Housing Communities and Local Government "
            "and the Welsh Government to consider options to respond to these needs.",
            "HMPPS in Wales will continue to work closely with Welsh Government and Local "
            "Authorities to ensure that offenders in Welsh prisons receive social care support "
            "which is consistent with support in the community and which makes the most "
            "effective use of social care resources across Wales.",
            "Ongoing discussions are taking place at the multi discipline cross government "
            "Social Care in Prisons Task and Finish Group which is working in partnership to "
            "meet the joint actions for all partners.",
        ),
        (RSCG, JAOPG),
        "",
    ),
    ("heading", "To prison governors/directors"),
    (
        "2",
        "All prisons and local authorities in England and Wales should develop an MOU, in line "
        "with existing policy, and ongoing joint working arrangements with their local authority "
        "to ensure that the social care needs of prisoners are met.",
        "Agreed",
        (
            "Prisons must agree and complete a Memorandum of Understanding, (MoU) with relevant "
            "Local Authorities and providers of care and support services, that documents the "
            "local arrangements in place for social care services, including dispute procedures "
            "in line with Prison Service Instruction (PSI) 04/2012- Enablers of Services in "
            "Prison.",
            "The services that the Local Authority provider will offer and the requirements on "
            "the establishment to enable the effective provision of this service, should be set "
            "down in a document agreed and signed by the Prison Governor, the Local Authority and "
            "their providers. Regular assurance will be undertaken by prison groups to ensure "
            "these are in place and up-to-date.",
            "Assurance is also required that Local Authorities are members of all Prison, Health "
            "and Social Care Partnership Boards taking place quarterly in all prisons, and this "
            "feeds into national assurance checks. By March 2019 all MOUs will be in place and "
            "assured nationally. This has already been achieved in Wales. HMPPS, Department of "
            "Health and Social Care (DHSC) and Welsh Government will continue to support those "
            "Partnerships to remove barriers to delivering their responsibilities.",
            "HMPPS is unable to mandate Local Authorities to sign MOUs. However, we continue to "
            "work with partner agencies; this includes the Association of Directors of Adult "
            "Social Services in England (ADASS) Criminal Justice Network, DHSC and the "
            "Association of Directors of Social Services (ADSS) Cymru and Welsh Government to "
            "ensure all regions have a signed and up to date MOU.",
            "We cannot performance manage the Local Authority, but will facilitate good "
            "partnership working through 'contractual mechanisms' and/or 'performance management "
            "frameworks' with the establishment and prison group directors.",
        ),
        (PD, RSCG, TRIO),
        (2019, 3),
    ),
    ("heading", "Identification of need and assessment"),
    (
        "3",
        "All prisons and local authorities should implement prompt, ongoing and effective "
        "systems for identifying the social care needs of prisoners throughout their stay in "
        "prison, which should include the ability of prisoners to self-refer. This process "
        "should begin at reception.",
        "Agreed",
        (
            "Legislation, policy and PSI 15/2015 – Adult Social Care mandates all prisons to "
            "implement effective systems to identify social care needs on entry to custody, "
            "during their time in custody and in preparation for release or transfer to another "
            "establishment. This is supported by guidance issued by the Department of Health and "
            "Social Care and Codes of Practice issued by the Welsh Government.",
            "HMPPS and partners will consider social care needs on reception as part of the "
            "review of PSI 07/2015 – Early Days.",
            "Work to ensure that all men and women are able to make self-referrals is underway to "
            "secure consistency in the application of the agreed local arrangements within the "
            "MOU. This will be completed by April 2019. Effective Prison, Health and Social Care "
            "Partnership Boards provide a forum to drive co-operation and improvement amongst the "
            "delivery agencies. In Wales this is supported by effective joint working between "
            "HMPPS in Wales and the Welsh Government",
        ),
        (PD, RSCG, "Deregulation and Operational Policy Team, MOJ", TRIO),
        (2019, 4),
    ),
    ("heading", "Care planning and delivery"),
    (
        "4",
        "The social care support needs of prisoners should be met from the moment a need is "
        "identified. Prisoners should not be subject to administrative delays or unnecessarily "
        "lengthy processes.",
        "Partly Agreed",
        (
            "The Care Act 2014 and the Social Services and Well-being (Wales) Act 2014 clarify "
            "that Local Authorities are responsible for ensuring that social care for adults in "
            "prisons is provided on an equivalent basis to that of people living in the "
            "community.",
            "The Statutory Guidance and Codes of Practice set out clear responsibilities to "
            "ensure clear information and processes are in place to identify and address eligible "
            "needs at the earliest opportunity. Prison, Health and Social Care Partnership Boards "
            "provide a forum to drive co-operation and improvement amongst the delivery agencies.",
            "HMPPS, DHSC and Welsh Government will continue to support those Partnerships to "
            "remove barriers to delivering their responsibilities.",
        ),
        (TRIO,),
        "Ongoing",
    ),
    (
        "5",
        "In line with existing policy, any prisoner providing social care support to another "
        "prisoner should be appropriately selected, trained and supervised.",
        "Agreed",
        (
            "All prisons should have a peer-to-peer scheme in place to support men and women with "
            "social care needs. Nationally, implementation is varied and we accept that some "
            "establishments do not have schemes in place. Checks will be conducted in early 2019 "
            "to ensure all establishments are compliant.",
            "In areas of good practice, Local Authorities and prisons work together to train, "
            "manage and support “buddies”; either by Local Authorities working with prisons in "
            "selection, training and on-going supervision of buddies; or through joint funding of "
            "external organisations to deliver these services on our behalf.",
            "In May 2018, MOJ and HMPPS launched guidance for peer-to-peer schemes with supporting "
            "operational tools for all prisons. This has been shared with Local Authorities.",
        ),
        ("Equalities Interventions and Operational Practice Group", JAOPG),
        "Completed",
    ),
    ("heading", "Adapting the environment for social care"),
    (
        "6",
        "All prisons should make reasonable and appropriate physical adaptations to promptly "
        "meet the social care needs of prisoners.",
        "Agreed",
        (
            "We accept that adjustments are needed where this is reasonable and appropriate, but "
            "we also know that other, imaginative, approaches can help to accommodate the social "
            "care needs of prisoners. We published a Model for Operational Delivery for older "
            "prisoners in April 2018, which describes what a good quality service could look like "
            "for these men, including those with social care needs, and seeks to encourage "
            "Governors and Directors to make appropriate adaptations to the environment and "
            "regime, according to the needs of their prisoners.",
        ),
        (PD, RSCG),
        "Completed",
    ),
    (
        "7",
        "Those prisons unable to provide appropriate physical environments suitable for social "
        "care should have arrangements in place to transfer prisoners to appropriate "
        "establishments which can quickly meet their needs.",
        "Agreed",
        (
            "There are complexities in arranging transfers to meet the social care needs of men "
            "and women as establishments must locate the most appropriate establishment to meet "
            "the needs of an individual including consideration of the fabric of the estate and "
            "the robustness of social care delivery and regime that supports maximum engagement. "
            "HMPPS will lead national work with Heads of Observation Categorisation and "
            "Allocation (OCA) to deliver awareness training of social care and safe guarding "
            "around appropriate transfers. The first of these took place in September 2018, with "
            "others planned over the following six months.",
        ),
        (PD, RSCG),
        (2019, 4),
    ),
    ("heading", "Continuity of packages of care"),
    (
        "8",
        "Prisons and local authorities should ensure that processes are in place for the smooth "
        "transfer of prisoners with packages of social care to other establishments and on "
        "release into the community. This should include effective information sharing.",
        "Agreed",
        (
            "HMPPS is continuing to support development of practice to provide for the onward "
            "journey for those in our care. Further work is being undertaken to support estate "
            "reconfiguration. HMPPS Rehabilitation and Assurance Group is currently working with "
            "OCA departments to implement good practice and guidance. Our national communication "
            "and training work will be supported by the release of the thematic inspection "
            "report. Areas for consideration include promoting early transfers of those with "
            "social care need so that they arrive in the receiving establishment before 2pm; "
            "advice to limit any transfers of those with social care needs to Monday to Thursday "
            "where possible; and activity to provide timely advice to Local Authorities "
            "delivering social care within sending establishments, in order to transfer care and "
            "supporting equipment to receiving Local Authorities. There are different styles of "
            "services and understanding of the transferring arrangement as a result of the number "
            "of Local Authorities involved.",
            "Accordingly, we are continuing to deliver national support and guidance on this "
            "area, and seeking local assurance around what transfer protocols and governance are "
            "in place.",
            "In Wales, HMPPS continue to work with Welsh Government and Local Authorities to help "
            "ensure that an effective partnership approach is in place.",
            "DHSC do not performance manage local government. DHSC would support HMPPS to work "
            "with ADASS",
            "Information sharing requirements are addressed in MOUs and will be addressed through "
            "the response to 1.4 above.",
        ),
        (PD, RSCG, TRIO),
        (2019, 4),
    ),
)
SOCIAL_CARE_SUMMARY = (("Agreed", 6), ("Partly Agreed", 1), ("Not Agreed", 1), ("Total", 8))


# ---------------------------------------------------------------------------------------------
# 2020: accommodation (messy). Each row is the six cells exactly as the conversion left them;
# "notice" and "dashes" mark the furniture between pages.
# ---------------------------------------------------------------------------------------------
def _p(*paragraphs: str) -> str:
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def _ul(*items: str) -> str:
    return '<ul style="list-style-type: none">' + "".join(f"<li>{i}</li>" for i in items) + "</ul>"


RRPA = "HMPPS - Reducing Reoffending, Partnerships and Accommodation"
RRPA_PRP = RRPA + " & HMPPS – Probation Reform Programme"
PRP = "HMPPS – Probation Reform Programme"
HMPPS_2020 = "Her Majesty's Prison and Probation Service"

ACCOMMODATION_TITLE = (
    "ACTION PLAN: A thematic inspection of accommodation and support for adult offenders in the "
    "community and on release from prison",
    "Action Plan Submitted: 26 August 2020",
    "A response to: An inspection of accommodation and support for adult offenders in the "
    "community and on release from prison",
    "Report Published: 8 July 2020",
    NOTICE_2020,
)
ACCOMMODATION = (
    (
        "1",
        _p(
            "The Ministry of Justice, in collaboration with the Ministry of Housing, Communities "
            "and Local Government should work to develop a national cross-government strategy "
            "that addresses the housing needs of offenders."
        ),
        "Agreed",
        _ul(
            "The Ministry of Justice, working together with Ministry of Housing, Communities and "
            "Local Government (MHCLG), Welsh Government and Other Government Departments, is "
            "developing its strategic vision for reducing reoffending, as part of the commitment "
            "towards delivering against the Governments manifesto. A key aspect to this approach "
            "will be provision of accommodation for those with a history of offending, ensuring "
            "that it aligns with the Governments goal to eliminate rough sleeping by the end of "
            "the current Parliament.",
            "HMPPS have completed a national Accommodation Framework that sets out how to build "
            "on success and work together with partners to ensure that offenders can access and "
            "maintain settled accommodation.",
            "HMPPS intend to publish an updated version of the Target Operating Model for the "
            "future of probation services early in 2021. This will provide further detail on the "
            "new system, informed by the changes that HMPPS have announced in the document titled "
            "“<i>Update to the Draft Target Operating Model for Probation Services in England "
            "and Wales</i>” published in June 2020, as well as the opportunities presented by new "
            "ways of working that have been introduced as a result of COVID-19.",
        ),
        # Exported through the wrong code page once: "–" arrives as "â€“".
        _p(
            "MoJ â€“ Prisoner Outcomes, Resettlement and Reoffending",
            RRPA,
            "Service Design Lead, Probation Reform Programme",
        ),
        _p("April 2021", "Completed", "February 2021"),
    ),
    "notice",
    (
        "2",
        _p(
            "The Ministry of Justice, in collaboration with the Ministry of Housing, Communities "
            "and Local Government should set out clear expectations as to how appropriate "
            "services for offenders who are homeless should be commissioned in each locality. "
            "Implement systems for tracking and monitoring Duty to Refer cases from probation "
            "providers to local authorities, and the outcomes of these referrals and publish this "
            "data on a regular basis."
        ),
        "Agreed",
        _ul(
            "• HMPPS have developed a national Accommodation Framework that sets out their "
            "responsibilities, their partners responsibilities and how to build on success and "
            "work together with partners to ensure that offenders can access and maintain settled "
            "accommodation.",
            "• HMPPS have completed a dashboard which has been published internally. This helps "
            "to better understand the totality of delivery and performance in relation to "
            "accommodation and will help inform national and local discussions about need and "
            "outcomes.",
            "• In relation to the commissioning of accommodation support through the Dynamic "
            "Framework, this will be done initially through centrally-run competitions for each "
            "Probation region. where Providers will be required to demonstrate in their bids how "
            "their service delivery will dovetail with existing local provision. There is a "
            "requirement to be able to offer a menu of interventions which can be made available "
            "in line with what is available for homeless service users.",
            "• MoJ and HMPPS in the process of translating the previously issued guidance on "
            "operating the Duty to Refer into an operationally enforceable Policy Framework. This "
            "will detail the functions that must be undertaken by both Prisons and Probation "
            "staff. The duty to refer requires named public authorities to refer service users "
            "who they think may be homeless or threatened with homelessness to their chosen local "
            "housing authority.",
            "• As part of the ongoing review of the Homelessness Reduction Act, MHCLG are "
            "considering how the duty to refer is working in practice and how it can be more "
            "effective going forward. HMPPS &amp; MoJ will work with MHCLG on the review and will "
            "incorporate any lessons which will improve the efficiency of the referral process "
            "into procedures.",
            "• MHCLG publish quarterly data on homelessness, including data on the duty to refer "
            "with the number of referrals by organisation and region. This is located "
            "https://www.gov.uk/government/collections/homelessness-statistics",
        ),
        _p(
            "MHCLG &amp; " + RRPA,
            RRPA + ", and HMPPS Probation Reform Programme &amp; MHCLG",
        ),
        _p("Completed", "Completed", "June 2021", "November 2020", "November 2020", "Ongoing"),
    ),
    "dashes",
    "notice",
    (
        "3",
        _p(
            f"{HMPPS_2020} should ensure there are designated accommodation leads, at strategic "
            "and operational level, in each probation delivery unit, for effective engagement "
            "with local authorities and housing providers, to deliver appropriate services for "
            "individuals under supervision, to obtain and retain settled accommodation."
        ),
        "Agreed",
        _ul(
            "• HMPPS have set up seven Regional Homelessness Prevention Taskforces (HPTs) to "
            "coordinate the sourcing of accommodation for those offenders released from custody, "
            "in order to try and ensure no offender is released without accommodation in place. "
            "The HPTs have been able to successfully access temporary accommodation and have "
            "developed excellent working relationships with a range of strategic partners, "
            "including Local Authorities, Housing Providers, Police, Health and the Voluntary and "
            "Community Sector. The Target Operating Model will be issued in February 2021 which "
            "will confirm the ongoing role of HPTs within the new structure.",
            "• In addition to the proposed work of the HPTs, there is a monthly Accommodation "
            "leads meeting chaired by the Deputy Director, Community Interventions Residential "
            "(AP/BASS) and Accommodation Support Services which brings together the designated "
            "regional leads to discuss issues surrounding accommodation and to hear presentations "
            "from MoJ Policy, MHCLG/Welsh Government, together with invited guests, e.g. Clinks "
            "and National Association of Private Landlords.",
        ),
        RRPA_PRP,
        "February 2021",
    ),
    (
        "4",
        _p(
            f"{HMPPS_2020} develop a comprehensive performance and data strategy for offender "
            "accommodation, which includes accurate recording of accommodation status, "
            "challenging and aligned performance measures and"
        ),
        "Agreed",
        _ul(
            "• The future performance framework for probation unified delivery will include a "
            "target for offenders being housed on release from custody, aligned with current "
            "Prisons metrics to promote joint working between Prisons and Probation in supporting "
            "prisoners leaving custody.",
            "• There will be a metric concerning settled accommodation for all service users "
            "under supervision, which will support referrals to accommodation services provided "
            "under the Dynamic Framework.",
            "• There is a continued focus on improving the accuracy of recorded accommodation "
            "status, and this is part of HMPPS' strategy for data assurance under the future "
            "performance framework.",
        ),
        RRPA_PRP,
        _p("June 2021", "June 2021", "June 2021"),
    ),
    "notice",
    "header",
    (
        "",
        "targets, and appropriately segmented data on accommodation need for use in "
        "commissioning services.",
        "",
        _ul(
            "HMPPS will revisit existing Management Information held across both prisons and "
            "probation with the ambition of strengthening the ability to accurately predict the "
            "volumes of numbers at a Local Authority, Region and National level of people with an "
            "accommodation need. HMPPS will use this information to work more effectively with "
            "key partners to improve accommodation support provided."
        ),
        "",
        "June 2021",
    ),
    (
        "5",
        f"{HMPPS_2020} substantially expand the provision of BASS, or similar transitional "
        "accommodation schemes in partnership with local authorities, to reduce the numbers of "
        "individuals beginning prison licences or community sentences who lack a stable address "
        "and require support before obtaining their own accommodation.",
        "Agreed",
        _ul(
            "The Bail, Accommodation and Support Service (BASS), Generation 3 contract was awarded "
            "to Nacro in March 2018 following a formal competition process. The contract is for 4 "
            "years and will conclude in 2022. The contract is for 550 bed spaces across England "
            "and Wales for the service, with Nacro providing added value by offering a further 55 "
            "bed spaces, an option which is being exercised and will lead to 605 from 1 October "
            "2020.",
            "MoJ and HMPPS are reviewing demand and capacity with a view for future expansion. "
            "Demand analysis and prison forecasts will be used to support decisions relating to "
            "the number of beds to be delivered through the Generation 4 contract.",
        ),
        RRPA,
        "October 2020\nOctober 2020",
    ),
    (
        "6",
        f"{HMPPS_2020} should ensure, as a priority, that stable accommodation is available for "
        "every higher risk offender leaving prison and that individuals",
        "Partly Agreed",
        _p(
            "This recommendation is partly agreed as generally, responsibility for the provision "
            "of accommodation lies with the Ministry of Housing, Communities and Local Government "
            "(MHCLG).",
            "HMPPS provides accommodation placements for higher risk offenders in Approved "
            "Premises and are in the process of expanding capacity by 200 places, to be delivered "
            "by 2023.",
        ),
        RRPA,
        "March 2023",
    ),
    "notice",
    (
        "",
        "moving on from approved premises have settled accommodation to go to.",
        "",
        _p(
            "MHCLG, MOJ and HMPPS are engaged in ongoing work at national level to increase "
            "accommodation options for higher risk offenders.",
            "HMPPS will continue to assess the accommodation needs of higher risk offenders prior "
            "to their release and where relevant, under Multi Agency Public Protection "
            "Arrangements, work with other partners to ensure accommodation is available for "
            "higher risk offenders. 'Move on' accommodation from Approved Premises is arranged by "
            "offender managers in partnership with Local Authority and other Housing providers "
            "under local partnership arrangements. HMPPS will be subject to a performance measure "
            "of individuals in settled accommodation at 3 months, either after release or after "
            "community sentence.",
        ),
        "",
        _p("Ongoing", "Ongoing"),
    ),
    (
        "7",
        _p(
            f"{HMPPS_2020} should equip probation practitioners and accommodation specialists "
            "with the knowledge and skills to work effectively on housing and accommodation "
            "issues with individuals under supervision, and to engage appropriately with local "
            "housing authorities."
        ),
        "Agreed",
        _ul(
            "• HMPPS is working together with MHCLG to develop reciprocal training for front line "
            "NPS staff working with offenders. This includes providing staff with the tools and "
            "skills to effectively support people to change and keep staff informed about "
            "relevant new developments in both homelessness and in offender management.",
            "• In February 2020 refreshed and updated guidance was issued to probation staff on "
            "their statutory responsibility to refer homeless individuals (or those at risk of "
            "homeless) to a Local Authority.",
            "• Revision of the Bail Information Officer training package went live in February "
            "2020, to enable identification of appropriate bail cases, completion of bail "
            "enquiries and creation of bail reports to sufficient standard.",
            "• In the longer term, and as part of the Probation Workforce Programme, the "
            "introduction of a new learning and development curriculum and continuous "
            "professional development, will address the skill set required by practitioners to "
            "navigate and access accommodation services for the individuals they supervise.",
        ),
        _p(
            RRPA + " &amp; HMPPS Probation Reform Programme",
            "Deputy Director Residential and Accommodation Support Services",
            "Deputy Director, Probation Workforce Programme",
        ),
        _p("September 2021", "Completed", "Completed", "June 2022"),
    ),
    "notice",
    "dashes",
    (
        "8",
        _p(
            f"{HMPPS_2020} should use the dynamic framework to commission access to private and "
            "social rented sectors, and floating support services that provide access to units "
            "of accommodation and support for individuals in them."
        ),
        "Partly Agreed",
        _ul(
            "• This recommendation is partly agreed as whilst the specification for the regional "
            "Call-Off Competitions has now been completed, this does not include commissioning of "
            "accommodation units but focuses on enabling service users to overcome the barriers "
            "to securing accommodation. Included is an expectation that providers can offer "
            "floating support and other activities that assist service users in gaining and "
            "maintaining accommodation.",
            "• HMPPS will to create a Regional Outcomes and Innovation Fund (ROIF) – setting "
            "aside a steady-state allocation of Â£20 million per year for which each Regional "
            "Probation Director will have responsibility for spend over and above the services "
            "they commission to deliver sentence requirements (which the Dynamic Framework will "
            "provide). The Regional Probation Director can fund accommodation services to "
            "mitigate accommodation needs. The ROIF may use the dynamic framework, but is not "
            "confined by it, and accommodation is an area where co-commissioning routes or "
            "partnerships would be strong options too.",
            "• The ROIF will play a vital role in supporting probation to play its part in "
            "improving shared local outcomes such as joint investment in early intervention and "
            "diversion, meeting complex needs and providing longer-term support after the formal "
            "requirements of a sentence have finished. This approach will allow us to both "
            "improve partnership working, leverage additional funding, and respond to new and "
            "emerging priorities.",
        ),
        _p(
            PRP,
            "HMPPS - Probation Reform Programme/Regional Probation Director(s)",
            PRP,
        ),
        _p("Completed", "April 2023", "April 2023"),
    ),
    (
        "9",
        _p(f"{HMPPS_2020} should agree minimum quality standards for the"),
        "Partly Agreed",
        _ul(
            "• This recommendation is party agreed as MHCLG are responsible for setting minimum "
            "standards for provision of social and affordable housing. Accommodation provided by "
            "Local Authorities in England should comply with relevant LA housing standards "
            "together with the Housing, Health and Safety Rating System published by the"
        ),
        "MHCLG",
        "",
    ),
    "notice",
    (
        "",
        _p("provision of accommodation when making referrals."),
        "",
        _p(
            "Ministry of Housing, Communities and Local Government "
            "https://www.gov.uk/government/publications/housing-health-and-safety-rating-system-"
            "guidance-for-Landlords-and-property-related-professionals."
        )
        + _ul(
            "• Through collaborative regional working, the HPTs will engage with LAs, Private "
            "Landlords, VCS and other social providers, to ensure that there is parity in the "
            "quality of accommodation provided to those with a history of offending with the "
            "wider community.",
            "• Service specifications for the Offender Accommodation pilot and BASS include the "
            "requirement that accommodation is delivered in accordance with the published housing "
            "standards.",
            "• In relation to Approved Premises, HMPPS ensure that all facilities provided meet "
            "legislative requirements for Health and Safety and they are working towards all APs "
            "meeting the standards set by the Royal College of Psychiatrists known as 'Enabling "
            "Environments'.",
        ),
        "",
        _p("February 2021", "Completed", "Completed"),
    ),
    "dashes",
    (
        "10",
        _p(
            f"{HMPPS_2020} should in redesigning Through the Gate accommodation services, ensure "
            "that:",
            "- Actions to prevent loss of tenancies are completed swiftly",
            "- Duty to Refer responsibilities for prisoners at risk of homelessness are "
            "undertaken as soon as possible, involving the responsible officer",
            "- Local authorities are enabled to access prisoners in custody to make Duty to Refer "
            "assessments in person, on the phone or by video link",
            "- Prisoners have identity documents and bank accounts prior to release",
            "- There is provision for prisoners who need it to be met at the gate and taken to any",
        ),
        "Agreed",
        _ul(
            "• In relation to the Dynamic Framework, the Day 1 accommodation services will "
            "include reach-in support in relation to maintaining or relinquishing existing "
            "tenancies at the point of sentence and avoiding housing-related debt and also "
            "support to obtain accommodation prior to release. The specifications include clear "
            "obligations in relation to Duty to Refer responsibilities including working with the "
            "NPS Responsible Officer. The contract award will be in December 2020 with delivery to "
            "commence in June 2021.",
            "• Guidance for NPS Responsible Officers for Resettlement actions will make clear the "
            "pre-release journey for service users, and how they link to the key stages and "
            "actions required, including referrals to Dynamic Framework services and the Duty to "
            "Refer scheme in England.",
            "• Contracts for the Dynamic Framework Personal Well-Being category which includes "
            "pre- and post-release mentoring services will be awarded in Jan 2021 with delivery "
            "to commence in June 2021. These services will support service users and NPS "
            "Responsible Officers and this will supplement and help service users with "
            "accommodation and other issues post release.",
        ),
        PRP,
        _p("June 2021", "June 2021", "June 2021"),
    ),
    "dashes",
    "notice",
    (
        "",
        _p(
            "accommodation appointments on the day of release",
            "- Accommodation services in the area to which prisoners are to be discharged are "
            "involved in making referrals and brokering accommodation provision in conjunction "
            "with responsible officers.",
        ),
        "",
        "",
        "",
        "",
    ),
    (
        "11",
        _p(
            f"{HMPPS_2020}, together with Community Rehabilitation Companies should ensure there "
            "are effective arrangements for the transfer of accommodation projects, and knowledge "
            "of local services and arrangements, when CRC contracts are terminated."
        ),
        "Agreed",
        _ul(
            "HMPPS Reducing Reoffending, Partnerships and Accommodation will work with the HPTs "
            "and the Probation Regional Directors, to work with CRCs to identify accommodation and "
            "support services, which could be transitioned across to the new Probation unified "
            "model.",
            "Details of any schemes identified will be discussed with the Probation Reform "
            "Programme to understand mechanisms through which these schemes could be moved across "
            "to the new model or any learning gleaned could be disseminated.",
        ),
        _p(RRPA_PRP, "Probation Regional Transition &amp; Recovery Boards"),
        "April 2021",
    ),
)
ACCOMMODATION_SUMMARY = (("Agreed", 8), ("Partly Agreed", 3), ("Not Agreed", 0), ("Total", 11))

WRAP = Alignment(wrap_text=True, vertical="top")
BOLD = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
WIDTHS = (8, 45, 14, 70, 30, 14)


def _text_cell(ws, row: int, col: int, value: object) -> None:
    """Write a value that is always text, never a formula."""
    cell = ws.cell(row=row, column=col, value=value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"
    cell.alignment = WRAP


def _header(ws, row: int, headers: tuple[str, ...]) -> None:
    for col, text in enumerate(headers, 1):
        _text_cell(ws, row, col, text)
        ws.cell(row=row, column=col).font = BOLD
        ws.cell(row=row, column=col).fill = HEADER_FILL


def _definitions_sheet(book: openpyxl.Workbook) -> None:
    ws = book.create_sheet("Definitions")
    for col, text in enumerate(DEFINITION_HEADERS, 1):
        ws.cell(row=1, column=col, value=text).font = BOLD
    for row, entry in enumerate(DEFINITIONS, 2):
        for col, text in enumerate(entry, 1):
            _text_cell(ws, row, col, text)
    for letter, width in zip("ABC", (16, 60, 70), strict=True):
        ws.column_dimensions[letter].width = width


def _summary(ws, row: int, counts: tuple[tuple[str, int], ...]) -> None:
    ws.cell(row=row, column=1, value="Recommendations").font = BOLD
    for offset, (label, count) in enumerate(counts, 1):
        ws.cell(row=row + offset, column=1, value=label)
        ws.cell(row=row + offset, column=2, value=count)


def _setup(ws) -> None:
    for letter, width in zip("ABCDEF", WIDTHS, strict=True):
        ws.column_dimensions[letter].width = width


def social_care(path: Path) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Action Plan"
    _setup(ws)
    for row, line in enumerate(SOCIAL_CARE_TITLE, 1):
        ws.cell(row=row, column=1, value=line).font = Font(
            bold=row == 1, size=14 if row == 1 else 11
        )
    row = len(SOCIAL_CARE_TITLE) + 2
    _header(ws, row, HEADERS)
    for entry in SOCIAL_CARE:
        row += 1
        if entry[0] == "heading":
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=6)
            ws.cell(row=row, column=1, value=entry[1]).font = BOLD
            continue
        ref, text, decision, paragraphs, owners, target = entry
        values = (int(ref), text, decision, "\n\n".join(paragraphs), "\n".join(owners))
        for col, value in enumerate(values, 1):
            _text_cell(ws, row, col, value)
        if isinstance(target, tuple):
            cell = ws.cell(row=row, column=6, value=datetime(*target, 1))
            cell.number_format = "mmmm yyyy"
            cell.alignment = WRAP
        else:
            _text_cell(ws, row, 6, target or None)
    _summary(ws, row + 2, SOCIAL_CARE_SUMMARY)
    _definitions_sheet(book)
    book.save(path)


def accommodation(path: Path) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Table 1"
    _setup(ws)
    for row, line in enumerate(ACCOMMODATION_TITLE, 1):
        _text_cell(ws, row, 1, line)
    headers = (*HEADERS[:4], OWNER_HEADER_2020, HEADERS[5])
    row = len(ACCOMMODATION_TITLE) + 2
    _header(ws, row, headers)
    for entry in ACCOMMODATION:
        row += 1
        if entry == "notice":
            _text_cell(ws, row, 1, NOTICE_2020)
        elif entry == "header":
            _header(ws, row, headers)
        elif entry == "dashes":
            for col, dashes in enumerate(("--", "--", "--", "---", "--", "--"), 1):
                _text_cell(ws, row, col, dashes)
        else:
            for col, value in enumerate(entry, 1):
                _text_cell(ws, row, col, value or None)
    _summary(ws, row + 2, ACCOMMODATION_SUMMARY)
    _text_cell(ws, row + 2 + len(ACCOMMODATION_SUMMARY) + 2, 1, NOTICE_2020)
    _definitions_sheet(book)
    book.save(path)


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else ROOT / "resources" / "samples"
    out.mkdir(parents=True, exist_ok=True)
    social_care(out / "social-care-2018.xlsx")
    accommodation(out / "accommodation-2020.xlsx")
    print(f"wrote {out / 'social-care-2018.xlsx'} and {out / 'accommodation-2020.xlsx'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
