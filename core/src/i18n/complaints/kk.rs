//! The complaint and back-office strings in Kazakh.

use super::ComplaintTexts;
use crate::wire_complaints::{
    ComplaintAbout, ComplaintStatus, ComplaintTo, DecisionChoice, RequestOutcome, StaffRole,
};

pub const KK: ComplaintTexts = ComplaintTexts {
    nav: "Шағымдар",
    list_title: "Шағымдар",
    list_intro: "Сұранысыңыз бойынша шешімге, әрекетке немесе әрекетсіздікке шағым бере аласыз. Көрсетілетін қызметті берушіге жазылған шағым тіркелген күннен бастап 5 жұмыс күні ішінде, мемлекеттік қызметтер көрсету сапасын бағалау жөніндегі уәкілетті органға жазылған шағым 15 жұмыс күні ішінде қаралады.",
    list_none: "Сіз әлі шағым берген жоқсыз.",
    requests_title: "Сұраныстарыңыз",
    requests_none: "Сұраныстарыңыз жоқ.",
    col_number: "Тіркеу нөмірі",
    col_request_number: "Нөмір",
    col_started: "Басталды",
    col_outcome: "Нәтиже",
    col_filed: "Берілді",
    col_subject: "Шағым тақырыбы",
    col_status: "Күйі",
    col_due: "Мерзімі",
    complain_link: "Шағым беру",
    document_link: "Нәтиже құжаты",
    outcome: kk_outcome,
    status: kk_status,
    about: kk_about,
    to: kk_to,
    to_hint: kk_to_hint,
    new_title: "Шағым беру",
    about_request: "Сұраныс",
    subject_legend: "Шағым неге қатысты?",
    addressee_legend: "Шағым кімге жолданады?",
    text_label: "Шағымыңыздың мәтіні",
    text_hint: "10-нан 4000 таңбаға дейін: не болды және не сұрайсыз.",
    submit: "Шағымды тіркеу",
    detail_title: "Шағым",
    registered_notice: "Шағымыңыз тіркелді. Есептік жазбаңызға нөмір байланған болса, күйі өзгерген сайын оған SMS келеді.",
    number_label: "Тіркеу нөмірі",
    status_label: "Күйі",
    filed_label: "Берілген уақыты",
    subject_label: "Тақырыбы",
    addressee_label: "Кімге",
    request_label: "Сұраныс",
    body_label: "Мәтіні",
    deadlines_title: "Мерзімдер (жұмыс күндері)",
    forward_by_label: "Толық қанағаттандыру немесе қарайтын органға жолдау мерзімі",
    review_by_label: "Қарау мерзімі",
    overdue: "мерзімі өтті",
    provisional_short: "алдын ала",
    deadline_provisional: "Бұл мерзімдер алдын ала есептелген: жұмыс күндерінің күнтізбесінде ол жылдың мереке күндері әлі жоқ. Күнтізбе толықтырылғанда олар қайта есептеледі және ешқашан қысқартылмайды.",
    forwarded_label: "Қарайтын органға жолданды",
    forwarded_to_label: "Кімге жолданды",
    forward_note_label: "Жолдау себебі",
    decided_label: "Шешім қабылданды",
    decision_label: "Шешім және оның негіздемесі",
    court_next: "Сотқа дейінгі тәртіп аяқталды. Егер заңда өзгеше көзделмесе, шешіммен келіспесеңіз, сотқа жүгіне аласыз.",
    court_overdue: "Шағым мерзімінде қаралмады. Егер заңда өзгеше көзделмесе, сотқа жүгіне аласыз.",
    back_to_list: "Шағымдарға оралу",
    not_found: "Мұндай шағым табылмады.",
    office_title: "Қызметкер кабинеті",
    staff_sign_in_title: "Қызметкерлердің кіруі",
    login_label: "Логин",
    staff_demo_hint: "Демо қызметкерлер: official.demo, reviewer.demo, admin.demo; құпиясөз demo-pass-2026.",
    signed_in_as: "Кірген қызметкер",
    role: kk_role,
    queue_title: "Қаралатын шағымдар",
    queue_empty: "Кезекте шағым жоқ.",
    no_queue: "Әкімші шағымдарды қарамайды: қызмет көрсеткіштерін қараңыз.",
    nav_queue: "Шағымдар кезегі",
    nav_dashboard: "Көрсеткіштер",
    case_title: "Шағым",
    citizen_label: "Азамат (ЖСН)",
    case_file_title: "Іс материалдары",
    case_file_none: "Шағым әлі қарайтын органға жолданған жоқ.",
    trail_at: "Уақыты",
    trail_actor: "Кім",
    trail_action: "Әрекет",
    trail_detail: "Толығырақ",
    decide_title: "Шешім",
    decision: kk_decision,
    decision_legend: "Шешіміңіз",
    reasons_label: "Негіздеме",
    reasons_hint: "Шешімнің себебі: азамат оны оқиды. 10-нан 4000 таңбаға дейін.",
    decide_button: "Шешімді тіркеу",
    decided_notice: "Шешім тіркелді; азаматтың байланған нөмірі болса, оған SMS жіберілді.",
    no_decision: "Сіздің рөліңізден бұл шағым бойынша шешім күтілмейді.",
    back_to_queue: "Кезекке оралу",
    err_text_short: "Шағым мәтіні тым қысқа: кемінде 10 таңба жазыңыз.",
    err_text_long: "Шағым мәтіні тым ұзын: 4000 таңбадан аспауы керек.",
    err_reasons_short: "Негіздеме тым қысқа: кемінде 10 таңба жазыңыз.",
    err_reasons_long: "Негіздеме тым ұзын: 4000 таңбадан аспауы керек.",
    err_about_missing: "Шағым неге қатысты екенін таңдаңыз.",
    err_to_missing: "Шағым кімге жолданатынын таңдаңыз.",
    err_decision_missing: "Шешімді таңдаңыз.",
    err_not_refused: "Бұл сұраныс бойынша бас тарту да, қызметтің көрсетілмеуі де болған жоқ: әрекетке немесе әрекетсіздікке шағым беріңіз.",
    err_official_unknown: "Бұл сұраныс бойынша мұндай лауазымды адам шешім қабылдамаған: тізімнен таңдаңыз немесе қызмет берушіге жүгініңіз.",
    err_under_review: "Бұл сұраныс бойынша сол адресатқа жіберілген шағым қаралуда. Оның шешімін күтіңіз немесе басқа органға жүгініңіз.",
    err_not_found: "Мұндай шағым табылмады.",
    err_not_your_role: "Бұл шешімді сіздің рөліңіз қабылдамайды.",
    err_not_waiting: "Шағым бұл шешімді күтіп тұрған жоқ: оны басқа қызметкер қарап қойған болуы мүмкін.",
    err_satisfy_late: "3 жұмыс күні өтті: шағымды енді тек қарайтын органға жолдауға болады.",
    err_staff_credentials: "Логин немесе құпиясөз қате.",
    err_staff_signed_out: "Қызметкер ретінде кіріңіз.",
    err_no_queue: "Сіздің рөліңізде шағымдар кезегі жоқ.",
    dash_title: "Қызмет көрсеткіштері",
    dash_period: "Кезең",
    dash_days_label: "Соңғы күндер саны (1–366)",
    dash_show: "Көрсету",
    dash_csv: "CSV ретінде жүктеу",
    dash_per_day: "Күн сайынғы сұраныстар, арналар бойынша",
    dash_outcomes: "Нәтижелер және олардың себептері",
    dash_service_time: "Қызмет көрсету уақыты (10 минуттық мерзімге қатысты)",
    dash_service_hint: "Аяқталған сұраныстар (байланған, бас тартылған немесе көрсетілмеген), жұмсалған толық минуттар бойынша.",
    dash_within_term: "10 минут ішінде аяқталғандар",
    dash_minutes: "мин",
    dash_ten_plus: "10 мин және одан көп",
    dash_complaints: "Шағымдар күйлері бойынша (мерзімі өткендері)",
    dash_day: "Күн",
    dash_total: "Барлығы",
    dash_count: "Саны",
    dash_channels: ["Портал", "Мобильді қосымша", "Банк"],
    dash_chart_summary: "Диаграмма деректері төмендегі кестеде.",
    dash_empty: "Бұл кезеңде деректер жоқ.",
    sms_complaint: "шағым",
};

fn kk_outcome(o: RequestOutcome) -> &'static str {
    match o {
        RequestOutcome::Open => "жүріп жатыр",
        RequestOutcome::Bound => "нөмір байланды",
        RequestOutcome::Ended(r) if r.is_refusal() => "бас тартылды",
        RequestOutcome::Ended(_) => "көрсетілмеді",
        RequestOutcome::Expired => "мерзімі өтті",
        RequestOutcome::Withdrawn => "жаңа сұраныспен ауыстырылды",
    }
}

fn kk_status(s: ComplaintStatus) -> &'static str {
    match s {
        ComplaintStatus::AtProvider => "қызмет берушіде қаралуда",
        ComplaintStatus::AtReviewer => "уәкілетті органда қаралуда",
        ComplaintStatus::Satisfied => "қызмет беруші толық қанағаттандырды",
        ComplaintStatus::Upheld => "қанағаттандырылды",
        ComplaintStatus::Rejected => "қанағаттандырусыз қалдырылды",
    }
}

fn kk_about(a: ComplaintAbout) -> &'static str {
    match a {
        ComplaintAbout::Refusal => "нәтиже: қызметтен бас тарту немесе қызметтің көрсетілмеуі",
        ComplaintAbout::Action => "әрекет",
        ComplaintAbout::Inaction => "әрекетсіздік",
    }
}

fn kk_to(t: ComplaintTo) -> &'static str {
    match t {
        ComplaintTo::Provider => "Көрсетілетін қызметті беруші (Цифрлық даму министрлігі)",
        ComplaintTo::AuthorizedBody => {
            "Мемлекеттік қызметтер көрсету сапасын бағалау және бақылау жөніндегі уәкілетті орган"
        }
        ComplaintTo::Official => {
            "Шешіміне, әрекетіне (әрекетсіздігіне) шағым жасалып отырған лауазымды адам"
        }
    }
}

fn kk_to_hint(t: ComplaintTo) -> &'static str {
    match t {
        ComplaintTo::Provider => "5 жұмыс күні ішінде қаралады; қызмет беруші 3 жұмыс күні ішінде толық қанағаттандырады немесе іс материалдарымен қарайтын органға жолдайды.",
        ComplaintTo::AuthorizedBody => "15 жұмыс күні ішінде қаралады.",
        ComplaintTo::Official => "5 жұмыс күні ішінде қаралады; лауазымды адам 3 жұмыс күні ішінде толық қанағаттандырады немесе іс материалдарымен қарайтын органға жолдайды.",
    }
}

fn kk_role(r: StaffRole) -> &'static str {
    match r {
        StaffRole::ProviderOfficial => "қызмет берушінің қызметкері",
        StaffRole::Reviewer => "уәкілетті органның қызметкері",
        StaffRole::Administrator => "әкімші",
    }
}

fn kk_decision(d: DecisionChoice) -> &'static str {
    match d {
        DecisionChoice::Satisfy => "Толық қанағаттандыру (жолданбайды)",
        DecisionChoice::Forward => "Іс материалдарымен қарайтын органға жолдау",
        DecisionChoice::Uphold => "Қанағаттандыру",
        DecisionChoice::Reject => "Қанағаттандырусыз қалдыру",
    }
}
