//! What a person reads about complaints (Rules ch. 3) and in the back
//! office, in Kazakh, Russian and English. Reached from every language's
//! [`Texts`](super::Texts) as `t.complaints`.

use crate::wire_complaints::{
    ComplaintAbout, ComplaintStatus, ComplaintTo, DecisionChoice, RequestOutcome, StaffRole,
};

use super::Lang;

/// One language's complaint and back-office strings. Adding a field makes
/// every language fail to compile until it is translated.
pub struct ComplaintTexts {
    pub nav: &'static str,
    pub list_title: &'static str,
    pub list_intro: &'static str,
    pub list_none: &'static str,
    pub requests_title: &'static str,
    pub requests_none: &'static str,
    pub col_number: &'static str,
    pub col_request_number: &'static str,
    pub col_started: &'static str,
    pub col_outcome: &'static str,
    pub col_filed: &'static str,
    pub col_subject: &'static str,
    pub col_status: &'static str,
    pub col_due: &'static str,
    pub complain_link: &'static str,
    pub document_link: &'static str,
    pub outcome: fn(RequestOutcome) -> &'static str,
    pub status: fn(ComplaintStatus) -> &'static str,
    pub about: fn(ComplaintAbout) -> &'static str,
    pub to: fn(ComplaintTo) -> &'static str,
    pub to_hint: fn(ComplaintTo) -> &'static str,

    pub new_title: &'static str,
    pub about_request: &'static str,
    pub subject_legend: &'static str,
    pub addressee_legend: &'static str,
    pub text_label: &'static str,
    pub text_hint: &'static str,
    pub submit: &'static str,

    pub detail_title: &'static str,
    pub registered_notice: &'static str,
    pub number_label: &'static str,
    pub status_label: &'static str,
    pub filed_label: &'static str,
    pub subject_label: &'static str,
    pub addressee_label: &'static str,
    pub request_label: &'static str,
    pub body_label: &'static str,
    pub deadlines_title: &'static str,
    pub forward_by_label: &'static str,
    pub review_by_label: &'static str,
    pub overdue: &'static str,
    pub forwarded_label: &'static str,
    pub forward_note_label: &'static str,
    pub decided_label: &'static str,
    pub decision_label: &'static str,
    pub court_next: &'static str,
    pub back_to_list: &'static str,
    pub not_found: &'static str,

    pub office_title: &'static str,
    pub staff_sign_in_title: &'static str,
    pub login_label: &'static str,
    pub staff_demo_hint: &'static str,
    pub signed_in_as: &'static str,
    pub role: fn(StaffRole) -> &'static str,
    pub queue_title: &'static str,
    pub queue_empty: &'static str,
    pub no_queue: &'static str,
    pub nav_queue: &'static str,
    pub nav_dashboard: &'static str,
    pub case_title: &'static str,
    pub citizen_label: &'static str,
    pub case_file_title: &'static str,
    pub case_file_none: &'static str,
    pub trail_at: &'static str,
    pub trail_actor: &'static str,
    pub trail_action: &'static str,
    pub trail_detail: &'static str,
    pub decide_title: &'static str,
    pub decision: fn(DecisionChoice) -> &'static str,
    pub decision_legend: &'static str,
    pub reasons_label: &'static str,
    pub reasons_hint: &'static str,
    pub decide_button: &'static str,
    pub decided_notice: &'static str,
    pub no_decision: &'static str,
    pub back_to_queue: &'static str,

    pub err_text_short: &'static str,
    pub err_text_long: &'static str,
    pub err_reasons_short: &'static str,
    pub err_reasons_long: &'static str,
    pub err_about_missing: &'static str,
    pub err_to_missing: &'static str,
    pub err_decision_missing: &'static str,
    pub err_not_refused: &'static str,
    pub err_under_review: &'static str,
    pub err_not_found: &'static str,
    pub err_not_your_role: &'static str,
    pub err_not_waiting: &'static str,
    pub err_satisfy_late: &'static str,
    pub err_staff_credentials: &'static str,
    pub err_staff_signed_out: &'static str,
    pub err_no_queue: &'static str,

    pub dash_title: &'static str,
    pub dash_period: &'static str,
    pub dash_days_label: &'static str,
    pub dash_show: &'static str,
    pub dash_csv: &'static str,
    pub dash_per_day: &'static str,
    pub dash_outcomes: &'static str,
    pub dash_service_time: &'static str,
    pub dash_service_hint: &'static str,
    pub dash_within_term: &'static str,
    pub dash_minutes: &'static str,
    pub dash_ten_plus: &'static str,
    pub dash_complaints: &'static str,
    pub dash_day: &'static str,
    pub dash_total: &'static str,
    pub dash_count: &'static str,
    pub dash_channels: [&'static str; 3],
    pub dash_chart_summary: &'static str,
    pub dash_empty: &'static str,

    /// The word for a complaint in an SMS.
    pub sms_complaint: &'static str,
}

/// The SMS sent at each change of a complaint, in Kazakh and Russian (the
/// language the citizen reads the portal in is not known to the SMS).
pub fn sms_text(number: &str, status: ComplaintStatus) -> String {
    let (kk, ru) = (Lang::Kk.texts().complaints, Lang::Ru.texts().complaints);
    format!(
        "Nomir: {} {number}: {}. / {} {number}: {}.",
        kk.sms_complaint,
        (kk.status)(status),
        ru.sms_complaint,
        (ru.status)(status)
    )
}

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
    forwarded_label: "Қарайтын органға жолданды",
    forward_note_label: "Жолдау себебі",
    decided_label: "Шешім қабылданды",
    decision_label: "Шешім және оның негіздемесі",
    court_next: "Сотқа дейінгі тәртіп аяқталды. Шешіммен келіспесеңіз, сотқа жүгіне аласыз.",
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
    err_not_refused: "Бұл сұраныс бойынша бас тарту болған жоқ: әрекетке немесе әрекетсіздікке шағым беріңіз.",
    err_under_review: "Бұл сұраныс бойынша шағым қаралуда. Оның шешімін күтіңіз.",
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
    dash_outcomes: "Нәтижелер және бас тарту негіздері",
    dash_service_time: "Қызмет көрсету уақыты (10 минуттық мерзімге қатысты)",
    dash_service_hint: "Аяқталған сұраныстар (байланған немесе бас тартылған), жұмсалған толық минуттар бойынша.",
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
        RequestOutcome::Refused(_) => "бас тартылды",
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
        ComplaintAbout::Refusal => "қызметтен бас тарту",
        ComplaintAbout::Action => "әрекет",
        ComplaintAbout::Inaction => "әрекетсіздік",
    }
}

fn kk_to(t: ComplaintTo) -> &'static str {
    match t {
        ComplaintTo::Provider => "Көрсетілетін қызметті беруші (Цифрлық даму министрлігі)",
        ComplaintTo::AuthorizedBody => {
            "Мемлекеттік қызметтер көрсету сапасын бағалау жөніндегі уәкілетті орган"
        }
    }
}

fn kk_to_hint(t: ComplaintTo) -> &'static str {
    match t {
        ComplaintTo::Provider => "5 жұмыс күні ішінде қаралады; қызмет беруші 3 жұмыс күні ішінде толық қанағаттандырады немесе іс материалдарымен қарайтын органға жолдайды.",
        ComplaintTo::AuthorizedBody => "15 жұмыс күні ішінде қаралады.",
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

pub const RU: ComplaintTexts = ComplaintTexts {
    nav: "Жалобы",
    list_title: "Жалобы",
    list_intro: "Вы можете обжаловать решение, действие или бездействие по своему запросу. Жалоба услугодателю рассматривается в течение 5 рабочих дней со дня регистрации, жалоба в уполномоченный орган по оценке и контролю за качеством оказания государственных услуг — в течение 15 рабочих дней.",
    list_none: "Вы ещё не подавали жалоб.",
    requests_title: "Ваши запросы",
    requests_none: "У вас нет запросов.",
    col_number: "Регистрационный номер",
    col_request_number: "Номер",
    col_started: "Начат",
    col_outcome: "Результат",
    col_filed: "Подана",
    col_subject: "Предмет жалобы",
    col_status: "Состояние",
    col_due: "Срок",
    complain_link: "Подать жалобу",
    document_link: "Документ о результате",
    outcome: ru_outcome,
    status: ru_status,
    about: ru_about,
    to: ru_to,
    to_hint: ru_to_hint,
    new_title: "Подать жалобу",
    about_request: "Запрос",
    subject_legend: "На что жалоба?",
    addressee_legend: "Кому адресована жалоба?",
    text_label: "Текст жалобы",
    text_hint: "От 10 до 4000 знаков: что произошло и чего вы просите.",
    submit: "Зарегистрировать жалобу",
    detail_title: "Жалоба",
    registered_notice: "Жалоба зарегистрирована. Если к учётной записи привязан номер, о каждом изменении на него придёт SMS.",
    number_label: "Регистрационный номер",
    status_label: "Состояние",
    filed_label: "Подана",
    subject_label: "Предмет",
    addressee_label: "Кому",
    request_label: "Запрос",
    body_label: "Текст",
    deadlines_title: "Сроки (рабочие дни)",
    forward_by_label: "Удовлетворить полностью или направить в рассматривающий орган до",
    review_by_label: "Рассмотреть до",
    overdue: "срок истёк",
    forwarded_label: "Направлена в рассматривающий орган",
    forward_note_label: "Основание направления",
    decided_label: "Решение принято",
    decision_label: "Решение и его мотивировка",
    court_next: "Досудебный порядок завершён. Если вы не согласны с решением, вы можете обратиться в суд.",
    back_to_list: "К жалобам",
    not_found: "Такая жалоба не найдена.",
    office_title: "Кабинет сотрудника",
    staff_sign_in_title: "Вход для сотрудников",
    login_label: "Логин",
    staff_demo_hint: "Демо-сотрудники: official.demo, reviewer.demo, admin.demo; пароль demo-pass-2026.",
    signed_in_as: "Вошли как",
    role: ru_role,
    queue_title: "Жалобы к рассмотрению",
    queue_empty: "В очереди нет жалоб.",
    no_queue: "Администратор не рассматривает жалобы: см. показатели услуги.",
    nav_queue: "Очередь жалоб",
    nav_dashboard: "Показатели",
    case_title: "Жалоба",
    citizen_label: "Гражданин (ИИН)",
    case_file_title: "Материалы дела",
    case_file_none: "Жалоба ещё не направлялась в рассматривающий орган.",
    trail_at: "Время",
    trail_actor: "Кто",
    trail_action: "Действие",
    trail_detail: "Подробности",
    decide_title: "Решение",
    decision: ru_decision,
    decision_legend: "Ваше решение",
    reasons_label: "Мотивировка",
    reasons_hint: "Почему принято решение: гражданин его прочтёт. От 10 до 4000 знаков.",
    decide_button: "Зарегистрировать решение",
    decided_notice: "Решение зарегистрировано; если у гражданина привязан номер, ему отправлено SMS.",
    no_decision: "От вашей роли решения по этой жалобе не ждут.",
    back_to_queue: "К очереди",
    err_text_short: "Текст жалобы слишком короткий: напишите не меньше 10 знаков.",
    err_text_long: "Текст жалобы слишком длинный: не больше 4000 знаков.",
    err_reasons_short: "Мотивировка слишком короткая: напишите не меньше 10 знаков.",
    err_reasons_long: "Мотивировка слишком длинная: не больше 4000 знаков.",
    err_about_missing: "Выберите, на что жалоба.",
    err_to_missing: "Выберите, кому адресована жалоба.",
    err_decision_missing: "Выберите решение.",
    err_not_refused: "По этому запросу отказа не было: обжалуйте действие или бездействие.",
    err_under_review: "Жалоба по этому запросу уже рассматривается. Дождитесь решения по ней.",
    err_not_found: "Такая жалоба не найдена.",
    err_not_your_role: "Это решение принимает не ваша роль.",
    err_not_waiting: "Жалоба не ждёт этого решения: возможно, её уже рассмотрел другой сотрудник.",
    err_satisfy_late: "3 рабочих дня прошли: жалобу можно только направить в рассматривающий орган.",
    err_staff_credentials: "Неверный логин или пароль.",
    err_staff_signed_out: "Войдите как сотрудник.",
    err_no_queue: "У вашей роли нет очереди жалоб.",
    dash_title: "Показатели услуги",
    dash_period: "Период",
    dash_days_label: "Число последних дней (1–366)",
    dash_show: "Показать",
    dash_csv: "Скачать CSV",
    dash_per_day: "Запросы по дням и каналам",
    dash_outcomes: "Результаты и основания отказа",
    dash_service_time: "Время оказания услуги (относительно срока 10 минут)",
    dash_service_hint: "Завершённые запросы (привязка или отказ) по полным минутам.",
    dash_within_term: "Завершены за 10 минут",
    dash_minutes: "мин",
    dash_ten_plus: "10 мин и более",
    dash_complaints: "Жалобы по состояниям (просроченные)",
    dash_day: "День",
    dash_total: "Всего",
    dash_count: "Количество",
    dash_channels: ["Портал", "Мобильное приложение", "Банк"],
    dash_chart_summary: "Данные диаграммы — в таблице ниже.",
    dash_empty: "За этот период данных нет.",
    sms_complaint: "жалоба",
};

fn ru_outcome(o: RequestOutcome) -> &'static str {
    match o {
        RequestOutcome::Open => "выполняется",
        RequestOutcome::Bound => "номер привязан",
        RequestOutcome::Refused(_) => "отказано",
        RequestOutcome::Expired => "срок истёк",
        RequestOutcome::Withdrawn => "заменён новым запросом",
    }
}

fn ru_status(s: ComplaintStatus) -> &'static str {
    match s {
        ComplaintStatus::AtProvider => "рассматривается услугодателем",
        ComplaintStatus::AtReviewer => "рассматривается уполномоченным органом",
        ComplaintStatus::Satisfied => "удовлетворена услугодателем полностью",
        ComplaintStatus::Upheld => "удовлетворена",
        ComplaintStatus::Rejected => "оставлена без удовлетворения",
    }
}

fn ru_about(a: ComplaintAbout) -> &'static str {
    match a {
        ComplaintAbout::Refusal => "отказ в услуге",
        ComplaintAbout::Action => "действие",
        ComplaintAbout::Inaction => "бездействие",
    }
}

fn ru_to(t: ComplaintTo) -> &'static str {
    match t {
        ComplaintTo::Provider => "Услугодатель (Министерство цифрового развития)",
        ComplaintTo::AuthorizedBody => {
            "Уполномоченный орган по оценке и контролю за качеством оказания государственных услуг"
        }
    }
}

fn ru_to_hint(t: ComplaintTo) -> &'static str {
    match t {
        ComplaintTo::Provider => "Рассматривается в течение 5 рабочих дней; в течение 3 рабочих дней услугодатель удовлетворяет жалобу полностью или направляет её с материалами дела в рассматривающий орган.",
        ComplaintTo::AuthorizedBody => "Рассматривается в течение 15 рабочих дней.",
    }
}

fn ru_role(r: StaffRole) -> &'static str {
    match r {
        StaffRole::ProviderOfficial => "сотрудник услугодателя",
        StaffRole::Reviewer => "сотрудник уполномоченного органа",
        StaffRole::Administrator => "администратор",
    }
}

fn ru_decision(d: DecisionChoice) -> &'static str {
    match d {
        DecisionChoice::Satisfy => "Удовлетворить полностью (не направлять)",
        DecisionChoice::Forward => "Направить с материалами дела в рассматривающий орган",
        DecisionChoice::Uphold => "Удовлетворить",
        DecisionChoice::Reject => "Оставить без удовлетворения",
    }
}

pub const EN: ComplaintTexts = ComplaintTexts {
    nav: "Complaints",
    list_title: "Complaints",
    list_intro: "You may complain about a decision, an action or inaction on your request. A complaint to the service provider is reviewed within 5 working days of its registration; one to the authorized body for the quality of public services within 15 working days.",
    list_none: "You have not filed any complaint.",
    requests_title: "Your requests",
    requests_none: "You have no requests.",
    col_number: "Registration number",
    col_request_number: "Number",
    col_started: "Started",
    col_outcome: "Outcome",
    col_filed: "Filed",
    col_subject: "About",
    col_status: "Status",
    col_due: "Due",
    complain_link: "File a complaint",
    document_link: "Result document",
    outcome: en_outcome,
    status: en_status,
    about: en_about,
    to: en_to,
    to_hint: en_to_hint,
    new_title: "File a complaint",
    about_request: "Request",
    subject_legend: "What is the complaint about?",
    addressee_legend: "Who is the complaint addressed to?",
    text_label: "Your complaint",
    text_hint: "10 to 4000 characters: what happened and what you ask for.",
    submit: "Register the complaint",
    detail_title: "Complaint",
    registered_notice: "Your complaint is registered. If a number is bound to your account, each change is sent to it by SMS.",
    number_label: "Registration number",
    status_label: "Status",
    filed_label: "Filed",
    subject_label: "About",
    addressee_label: "To",
    request_label: "Request",
    body_label: "Text",
    deadlines_title: "Deadlines (working days)",
    forward_by_label: "Satisfy in full or forward to the reviewing body by",
    review_by_label: "Review by",
    overdue: "overdue",
    forwarded_label: "Forwarded to the reviewing body",
    forward_note_label: "Grounds for forwarding",
    decided_label: "Decided",
    decision_label: "Decision and its reasons",
    court_next: "The pre-trial step is over. If you disagree with the decision, you may go to court.",
    back_to_list: "Back to complaints",
    not_found: "No such complaint was found.",
    office_title: "Back office",
    staff_sign_in_title: "Staff sign-in",
    login_label: "Login",
    staff_demo_hint: "Demo staff: official.demo, reviewer.demo, admin.demo; password demo-pass-2026.",
    signed_in_as: "Signed in as",
    role: en_role,
    queue_title: "Complaints to handle",
    queue_empty: "No complaints in the queue.",
    no_queue: "Administrators handle no complaints: see the service dashboard.",
    nav_queue: "Complaint queue",
    nav_dashboard: "Dashboard",
    case_title: "Complaint",
    citizen_label: "Citizen (IIN)",
    case_file_title: "Case file",
    case_file_none: "The complaint has not been forwarded to the reviewing body.",
    trail_at: "Time",
    trail_actor: "Who",
    trail_action: "Action",
    trail_detail: "Details",
    decide_title: "Decision",
    decision: en_decision,
    decision_legend: "Your decision",
    reasons_label: "Reasons",
    reasons_hint: "Why you decide so: the citizen reads it. 10 to 4000 characters.",
    decide_button: "Record the decision",
    decided_notice: "The decision is recorded; if the citizen has a bound number, an SMS was sent to it.",
    no_decision: "No decision on this complaint is waiting from your role.",
    back_to_queue: "Back to the queue",
    err_text_short: "The complaint is too short: write at least 10 characters.",
    err_text_long: "The complaint is too long: at most 4000 characters.",
    err_reasons_short: "The reasons are too short: write at least 10 characters.",
    err_reasons_long: "The reasons are too long: at most 4000 characters.",
    err_about_missing: "Choose what the complaint is about.",
    err_to_missing: "Choose who the complaint is addressed to.",
    err_decision_missing: "Choose a decision.",
    err_not_refused: "This request was not refused: complain about an action or inaction instead.",
    err_under_review: "A complaint about this request is under review. Wait for its decision.",
    err_not_found: "No such complaint was found.",
    err_not_your_role: "Your role does not take this decision.",
    err_not_waiting: "The complaint is not waiting for this decision: another official may have handled it.",
    err_satisfy_late: "The 3 working days have passed: the complaint can only be forwarded to the reviewing body now.",
    err_staff_credentials: "Wrong login or password.",
    err_staff_signed_out: "Sign in as staff.",
    err_no_queue: "Your role has no queue of complaints.",
    dash_title: "Service dashboard",
    dash_period: "Period",
    dash_days_label: "Number of recent days (1–366)",
    dash_show: "Show",
    dash_csv: "Download as CSV",
    dash_per_day: "Requests per day by channel",
    dash_outcomes: "Outcomes and refusal grounds",
    dash_service_time: "Service time (against the 10-minute term)",
    dash_service_hint: "Completed requests (bound or refused) by whole minutes taken.",
    dash_within_term: "Completed within 10 minutes",
    dash_minutes: "min",
    dash_ten_plus: "10 min or more",
    dash_complaints: "Complaints by status (overdue)",
    dash_day: "Day",
    dash_total: "Total",
    dash_count: "Count",
    dash_channels: ["Portal", "Mobile app", "Bank"],
    dash_chart_summary: "The chart's data is in the table below.",
    dash_empty: "No data for this period.",
    sms_complaint: "complaint",
};

fn en_outcome(o: RequestOutcome) -> &'static str {
    match o {
        RequestOutcome::Open => "in progress",
        RequestOutcome::Bound => "number bound",
        RequestOutcome::Refused(_) => "refused",
        RequestOutcome::Expired => "term expired",
        RequestOutcome::Withdrawn => "replaced by a newer request",
    }
}

fn en_status(s: ComplaintStatus) -> &'static str {
    match s {
        ComplaintStatus::AtProvider => "under review by the service provider",
        ComplaintStatus::AtReviewer => "under review by the authorized body",
        ComplaintStatus::Satisfied => "satisfied in full by the service provider",
        ComplaintStatus::Upheld => "upheld",
        ComplaintStatus::Rejected => "rejected",
    }
}

fn en_about(a: ComplaintAbout) -> &'static str {
    match a {
        ComplaintAbout::Refusal => "the refusal",
        ComplaintAbout::Action => "an action",
        ComplaintAbout::Inaction => "inaction",
    }
}

fn en_to(t: ComplaintTo) -> &'static str {
    match t {
        ComplaintTo::Provider => "The service provider (Ministry of Digital Development)",
        ComplaintTo::AuthorizedBody => "The authorized body for the quality of public services",
    }
}

fn en_to_hint(t: ComplaintTo) -> &'static str {
    match t {
        ComplaintTo::Provider => "Reviewed within 5 working days; within 3 working days the provider satisfies it in full or forwards it with the case file to the reviewing body.",
        ComplaintTo::AuthorizedBody => "Reviewed within 15 working days.",
    }
}

fn en_role(r: StaffRole) -> &'static str {
    match r {
        StaffRole::ProviderOfficial => "service provider official",
        StaffRole::Reviewer => "authorized body reviewer",
        StaffRole::Administrator => "administrator",
    }
}

fn en_decision(d: DecisionChoice) -> &'static str {
    match d {
        DecisionChoice::Satisfy => "Satisfy in full (not forwarded)",
        DecisionChoice::Forward => "Forward with the case file to the reviewing body",
        DecisionChoice::Uphold => "Uphold",
        DecisionChoice::Reject => "Reject",
    }
}
