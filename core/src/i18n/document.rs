//! The words of the result document (appendix row 5): the sealed PDF a
//! citizen downloads for a finished request, and the verdicts its check
//! gives (the check page and `nomir document verify`).
//!
//! Kept apart from [`super::Texts`] so the document can change without
//! touching every page's strings; the provider's name and the refusal
//! grounds' reasons and legal bases still come from `Texts`, so the
//! document never words them differently from the pages.

use super::Lang;

/// One language's labels of the result document. Adding a field makes
/// every language fail to compile until it is translated.
pub struct DocumentTexts {
    /// The document's title: what it is the result of.
    pub title: &'static str,
    /// Label of the service provider, in whose name the document is issued.
    pub issued_by: &'static str,
    /// Label of the request's number (its id).
    pub request_number: &'static str,
    /// Label of the citizen's name.
    pub citizen: &'static str,
    pub iin: &'static str,
    /// Label of what the request was for, and its two values.
    pub purpose: &'static str,
    pub purpose_bind: &'static str,
    pub purpose_change: &'static str,
    pub purpose_confirm: &'static str,
    /// Label of where the request came from, and its three values.
    pub channel: &'static str,
    pub channel_portal: &'static str,
    pub channel_mobile_app: &'static str,
    pub channel_bank: &'static str,
    pub started_at: &'static str,
    pub finished_at: &'static str,
    /// Label of the outcome, and the two outcomes.
    pub outcome: &'static str,
    pub outcome_bound: &'static str,
    pub outcome_refused: &'static str,
    /// The outcome when a step the Rules require did not happen.
    pub outcome_not_performed: &'static str,
    /// The bound number and its mobile operator.
    pub number: &'static str,
    pub operator: &'static str,
    /// A refusal's reason and legal basis (the texts are `Texts::ground_reason`
    /// and `Texts::ground_basis`).
    pub reason: &'static str,
    pub legal_basis: &'static str,
    /// The label of the requirement a not-performed request did not meet.
    pub requirement: &'static str,
    pub issued_at: &'static str,
    /// How anyone can check the seal.
    pub check_how: &'static str,
    /// Rules ch. 3: how and where to complain, and the review's terms.
    pub complain_title: &'static str,
    pub complain_how: &'static str,
    /// Label of the last day to complain, and the term it follows from.
    pub complain_by: &'static str,
    pub complain_by_term: &'static str,
    /// Verdicts of a check: a valid signature of the provider; one that
    /// does not hold (the file was changed, or someone else signed it); none at all.
    pub verdict_valid: &'static str,
    pub verdict_invalid: &'static str,
    pub verdict_not_sealed: &'static str,
    /// The public check page: its title, what it does, the file field, the button.
    pub check_title: &'static str,
    pub check_intro: &'static str,
    pub check_file_label: &'static str,
    pub check_submit: &'static str,
    /// Every check's place is taken (503): try again shortly.
    pub check_busy: &'static str,
    /// This source already has as many checks in progress as it may (429).
    pub check_too_many: &'static str,
    /// The upload came too slowly and was dropped (408).
    pub check_too_slow: &'static str,
    /// Label of the request a valid document is about, and of a download link.
    pub download: &'static str,
    /// Documents cannot be issued now (no sealing key configured).
    pub unavailable: &'static str,
    /// One citizen asked for too many documents in a minute.
    pub too_many: &'static str,
    /// Label of who signed a valid document (the organisation, its BIN).
    pub seal_key: &'static str,
    /// Said after a valid verdict when the demo certificate signed: anyone
    /// can sign with it, since its private key is public.
    pub demo_seal_note: &'static str,
    /// A check that cannot be decided now (revocation unknown, busy).
    pub check_unavailable: &'static str,
}

/// The labels in `lang`.
pub fn document_texts(lang: Lang) -> &'static DocumentTexts {
    match lang {
        Lang::Kk => &KK,
        Lang::Ru => &RU,
        Lang::En => &EN,
    }
}

pub const KK: DocumentTexts = DocumentTexts {
    title: "«Абоненттік нөмірді «электрондық үкімет» веб-порталының есептік жазбасына қосу» мемлекеттік көрсетілетін қызметті көрсету нәтижесі",
    issued_by: "Көрсетілетін қызметті беруші",
    request_number: "Сұрау салудың нөмірі",
    citizen: "Көрсетілетін қызметті алушы",
    iin: "ЖСН",
    purpose: "Сұрау салудың мақсаты",
    purpose_bind: "Нөмірді қосу",
    purpose_change: "Нөмірді ауыстыру",
    purpose_confirm: "Байланған нөмірді банкке растау",
    channel: "Жүгіну арнасы",
    channel_portal: "«Электрондық үкімет» веб-порталы",
    channel_mobile_app: "eGov mobile қосымшасы",
    channel_bank: "Банк қосымшасы",
    started_at: "Сұрау салу басталды",
    finished_at: "Сұрау салу аяқталды",
    outcome: "Нәтиже",
    outcome_bound: "Нөмір есептік жазбаға қосылды",
    outcome_refused: "Мемлекеттік қызметті көрсетуден дәлелді бас тарту",
    outcome_not_performed: "Мемлекеттік қызмет көрсетілмеді",
    number: "Нөмір",
    operator: "Ұялы байланыс операторы",
    reason: "Себебі",
    legal_basis: "Негіздеме",
    requirement: "Қағидалардың талабы",
    issued_at: "Құжат берілген уақыт",
    complain_title: "Шағымдану тәртібі",
    complain_how: "Осы нәтижеге, көрсетілетін қызметті берушінің немесе оның лауазымды адамының әрекетіне (әрекетсіздігіне) шағым көрсетілетін қызметті берушіге (Қазақстан Республикасы Цифрлық даму, инновациялар және аэроғарыш өнеркәсібі министрлігі) және (немесе) шешіміне, әрекетіне (әрекетсіздігіне) шағым жасалатын лауазымды адамға не мемлекеттік қызметтер көрсету сапасын бағалау және бақылау жөніндегі уәкілетті органға беріледі: порталдағы жеке кабинетте («Шағымдар») немесе eGov mobile қосымшасында. Қызмет беруші не лауазымды адам шағымды 3 жұмыс күні ішінде толық қанағаттандырмаса, оны шағымды қарайтын органға жібереді; шағым тіркелген күнінен бастап 5 жұмыс күні ішінде (уәкілетті органда 15 жұмыс күні ішінде) қаралады. Егер заңда өзгеше көзделмесе, сотқа сотқа дейінгі тәртіппен шағым жасалғаннан кейін жүгінуге болады (Қағидалардың 10-тармағы).",
    complain_by: "Шағым беру мерзімі",
    complain_by_term: "нәтижені білген күннен бастап үш ай (Қазақстан Республикасының Әкімшілік рәсімдік-процестік кодексі)",
    check_how: "Құжатқа қызмет берушінің ЭЦҚ-сы қойылған, оны кез келген PDF оқу құралы көрсетеді. Құжатты сервис сайтындағы /check-document бетінде немесе «nomir document verify ФАЙЛ» командасымен де тексеруге болады.",
    check_title: "Құжатты тексеру",
    check_intro: "Nomir берген нәтиже құжатын (PDF) жүктеңіз: оның электрондық цифрлық қолтаңбасы құжатты сервис бергенін және өзгертілмегенін көрсетеді.",
    check_file_label: "Құжат файлы (PDF, 5 МБ-қа дейін)",
    check_submit: "Тексеру",
    check_busy: "Қазір тым көп құжат тексерілуде. Бірнеше секундтан кейін қайталаңыз.",
    check_too_many: "Сіздің құжаттарыңыз әлі тексерілуде. Тексеру аяқталғанша күтіп, қайталаңыз.",
    check_too_slow: "Файл тым ұзақ жүктелді. Қайталап көріңіз.",
    download: "Нәтиже құжаты (PDF)",
    unavailable: "Құжаттарды қазір беру мүмкін емес. Кейінірек қайталаңыз немесе 1414-ке хабарласыңыз.",
    too_many: "Бір минутта тым көп құжат сұралды. Бір минуттан кейін қайталаңыз.",
    verdict_valid: "Жарамды: құжатты сервис берген, ол өзгертілмеген.",
    verdict_invalid: "Жарамсыз: құжат өзгертілген немесе оны сервис бермеген.",
    verdict_not_sealed: "Бұл файл сервистің электрондық цифрлық қолтаңбасы бар құжаты емес.",
    seal_key: "Қол қойған",
    demo_seal_note: "Демо-сертификатпен қол қойылған: оған тек демо-режимде сенім білдіріледі.",
    check_unavailable: "Қолтаңбаны қазір тексеру мүмкін емес: сертификат мәртебесі қызметі жауап бермейді. Кейінірек қайталаңыз.",
};

pub const RU: DocumentTexts = DocumentTexts {
    title: "Результат оказания государственной услуги «Привязка абонентского номера к учётной записи веб-портала «электронного правительства»»",
    issued_by: "Услугодатель",
    request_number: "Номер запроса",
    citizen: "Услугополучатель",
    iin: "ИИН",
    purpose: "Цель запроса",
    purpose_bind: "Привязка номера",
    purpose_change: "Смена номера",
    purpose_confirm: "Подтверждение привязанного номера для банка",
    channel: "Канал обращения",
    channel_portal: "Веб-портал «электронного правительства»",
    channel_mobile_app: "Приложение eGov mobile",
    channel_bank: "Приложение банка",
    started_at: "Запрос начат",
    finished_at: "Запрос завершён",
    outcome: "Результат",
    outcome_bound: "Номер привязан к учётной записи",
    outcome_refused: "Мотивированный отказ в оказании государственной услуги",
    outcome_not_performed: "Государственная услуга не оказана",
    number: "Номер",
    operator: "Оператор сотовой связи",
    reason: "Причина",
    legal_basis: "Основание",
    requirement: "Требование Правил",
    issued_at: "Документ выдан",
    complain_title: "Порядок обжалования",
    complain_how: "Жалоба на этот результат, на действие (бездействие) услугодателя или его должностного лица подаётся услугодателю (Министерство цифрового развития, инноваций и аэрокосмической промышленности Республики Казахстан) и (или) должностному лицу, чьё решение, действие (бездействие) обжалуется, либо в уполномоченный орган по оценке и контролю за качеством оказания государственных услуг: в личном кабинете портала («Жалобы») или в приложении eGov mobile. Услугодатель или должностное лицо в течение 3 рабочих дней направляет жалобу в рассматривающий орган, если не удовлетворит её полностью; жалоба рассматривается в течение 5 рабочих дней со дня регистрации (в уполномоченном органе — 15 рабочих дней). Обращение в суд допускается после обжалования в досудебном порядке, если иное не предусмотрено законом (пункт 10 Правил).",
    complain_by: "Подать жалобу до",
    complain_by_term: "три месяца со дня, когда стало известно о результате (Административный процедурно-процессуальный кодекс Республики Казахстан)",
    check_how: "Документ подписан ЭЦП услугодателя, её показывает любая программа для чтения PDF. Проверить его можно и на странице /check-document сайта сервиса или командой «nomir document verify ФАЙЛ».",
    check_title: "Проверка документа",
    check_intro: "Загрузите документ о результате (PDF), выданный Nomir: его электронная цифровая подпись показывает, что его выдал сервис и он не изменён.",
    check_file_label: "Файл документа (PDF, до 5 МБ)",
    check_submit: "Проверить",
    check_busy: "Сейчас проверяется слишком много документов. Повторите через несколько секунд.",
    check_too_many: "Ваши документы ещё проверяются. Дождитесь окончания проверки и повторите.",
    check_too_slow: "Файл загружался слишком долго. Повторите попытку.",
    download: "Документ о результате (PDF)",
    unavailable: "Выдать документ сейчас нельзя. Повторите позже или позвоните 1414.",
    too_many: "За минуту запрошено слишком много документов. Повторите через минуту.",
    verdict_valid: "Действителен: документ выдан сервисом и не изменён.",
    verdict_invalid: "Недействителен: документ изменён или выдан не сервисом.",
    verdict_not_sealed: "Этот файл не является документом сервиса с электронной цифровой подписью.",
    seal_key: "Подписал",
    demo_seal_note: "Подписан демо-сертификатом, которому доверяют только в демо-режиме.",
    check_unavailable: "Подпись сейчас нельзя проверить: служба статуса сертификатов не отвечает. Повторите позже.",
};

pub const EN: DocumentTexts = DocumentTexts {
    title: "Result of the public service «Binding a subscriber number to the account of the e-government web portal»",
    issued_by: "Service provider",
    request_number: "Request number",
    citizen: "Citizen",
    iin: "IIN",
    purpose: "Purpose",
    purpose_bind: "Binding a number",
    purpose_change: "Change of number",
    purpose_confirm: "Confirmation of the bound number for a bank",
    channel: "Channel",
    channel_portal: "E-government web portal",
    channel_mobile_app: "eGov mobile app",
    channel_bank: "Bank app",
    started_at: "Request started",
    finished_at: "Request finished",
    outcome: "Result",
    outcome_bound: "The number is bound to the account",
    outcome_refused: "Reasoned refusal to provide the public service",
    outcome_not_performed: "The public service was not performed",
    number: "Number",
    operator: "Mobile operator",
    reason: "Reason",
    legal_basis: "Legal basis",
    requirement: "What the Rules require",
    issued_at: "Document issued",
    complain_title: "How to complain",
    complain_how: "A complaint about this result, or about an action or inaction of the service provider or its official, is filed with the service provider (the Ministry of Digital Development, Innovation and Aerospace Industry of the Republic of Kazakhstan) and/or the official whose decision, action or inaction it concerns, or with the authorized body for assessing and controlling the quality of public services: in the portal's cabinet (Complaints) or in the eGov mobile app. Unless the provider or the official satisfies it in full within 3 working days, they forward it to the reviewing body; it is reviewed within 5 working days of its registration (15 by the authorized body). Court comes after this pre-trial step, unless the law provides otherwise (Rules, paragraph 10).",
    complain_by: "Complain by",
    complain_by_term: "three months from the day you learned of the result (the Administrative Procedural and Process Code of the Republic of Kazakhstan)",
    check_how: "This document carries the service provider's electronic digital signature, which any PDF reader shows. You can also check that the service issued it unaltered at /check-document on the service's site or with «nomir document verify FILE».",
    check_title: "Check a document",
    check_intro: "Upload a result document (PDF) issued by Nomir: its electronic digital signature shows whether the service issued it and whether it is unaltered.",
    check_file_label: "The document file (PDF, up to 5 MB)",
    check_submit: "Check",
    check_busy: "Too many documents are being checked right now. Please try again in a few seconds.",
    check_too_many: "Your documents are still being checked. Please wait for the check to finish, then try again.",
    check_too_slow: "The file took too long to arrive. Please try again.",
    download: "Result document (PDF)",
    unavailable: "Documents cannot be issued just now. Try again later or call 1414.",
    too_many: "Too many documents were asked for in a minute. Try again in a minute.",
    verdict_valid: "Valid: the document was issued by the service and has not been altered.",
    verdict_invalid: "Not valid: the document was altered or was not issued by the service.",
    verdict_not_sealed: "This file is not a signed document of the service.",
    seal_key: "Signed by",
    demo_seal_note: "Signed with the demo certificate, which is trusted in demo mode only.",
    check_unavailable: "The signature cannot be checked just now: the certificate status service does not answer. Try again later.",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_its_own_document_texts() {
        assert_eq!(document_texts(Lang::default()).title, KK.title);
        assert_ne!(KK.title, RU.title);
        assert_ne!(RU.verdict_valid, EN.verdict_valid);
        for lang in Lang::ALL {
            let t = document_texts(lang);
            assert!(t.check_how.contains("/check-document"));
            assert!(t.check_how.contains("nomir document verify"));
        }
    }
}
