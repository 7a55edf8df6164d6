//! The complaint and back-office strings in Russian.

use super::ComplaintTexts;
use crate::wire_complaints::{
    ComplaintAbout, ComplaintStatus, ComplaintTo, DecisionChoice, RequestOutcome, StaffRole,
};

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
    provisional_short: "предварительно",
    deadline_provisional: "Эти сроки предварительные: производственный календарь ещё не содержит праздников того года. Их пересчитают, когда календарь будет дополнен, и никогда не сократят.",
    forwarded_label: "Направлена в рассматривающий орган",
    forwarded_to_label: "Кому направлена",
    forward_note_label: "Основание направления",
    decided_label: "Решение принято",
    decision_label: "Решение и его мотивировка",
    court_next: "Досудебный порядок завершён. Если вы не согласны с решением, вы можете обратиться в суд, если иное не предусмотрено законом.",
    court_overdue: "Жалоба не рассмотрена в срок. Вы можете обратиться в суд, если иное не предусмотрено законом.",
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
    err_not_refused: "По этому запросу не было ни отказа, ни неоказания услуги: обжалуйте действие или бездействие.",
    err_official_unknown: "Такое должностное лицо не принимало решений по этому запросу: выберите из списка или обратитесь к услугодателю.",
    err_under_review: "Жалоба по этому запросу тому же адресату уже рассматривается. Дождитесь решения по ней или обратитесь к другому органу.",
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
    dash_outcomes: "Результаты и их причины",
    dash_service_time: "Время оказания услуги (относительно срока 10 минут)",
    dash_service_hint: "Завершённые запросы (привязка, отказ или неоказание) по полным минутам.",
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
        RequestOutcome::Ended(r) if r.is_refusal() => "отказано",
        RequestOutcome::Ended(_) => "услуга не оказана",
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
        ComplaintAbout::Refusal => "результат: отказ или неоказание услуги",
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
        ComplaintTo::Official => "Должностное лицо, чьё решение, действие (бездействие) обжалуется",
    }
}

fn ru_to_hint(t: ComplaintTo) -> &'static str {
    match t {
        ComplaintTo::Provider => "Рассматривается в течение 5 рабочих дней; в течение 3 рабочих дней услугодатель удовлетворяет жалобу полностью или направляет её с материалами дела в рассматривающий орган.",
        ComplaintTo::AuthorizedBody => "Рассматривается в течение 15 рабочих дней.",
        ComplaintTo::Official => "Рассматривается в течение 5 рабочих дней; в течение 3 рабочих дней должностное лицо удовлетворяет жалобу полностью или направляет её с материалами дела в рассматривающий орган.",
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
