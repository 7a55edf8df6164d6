use super::Texts;
use crate::api_problem::ApiProblem;
use crate::ground::RefusalGround;
use crate::wire::{DocumentKindView, PermissionState, UseChannel};

pub const TEXTS: Texts = Texts {
    service_name: "Nomir",
    tagline: "Сіздің ұялы нөміріңіз электрондық үкімет порталында",
    skip_to_content: "Негізгі мазмұнға өту",
    nav_label: "Басты мәзір",
    nav_home: "Басты бет",
    nav_cabinet: "Жеке кабинет",
    nav_demo_phone: "Демо-телефон",
    sign_out: "Шығу",
    lang_switch_label: "Тіл",
    demo_banner: "Демо-режим: мұндағы барлық адамдар, нөмірлер мен хабарламалар ойдан алынған.",
    demo_clock_moved: "Демо сағаты алға жылжытылды (минут):",

    home_title: "Ұялы нөмірді электрондық үкімет порталында тіркеу",
    home_intro: "Телефонға бір реттік кодтарды, хабарламаларды және цифрлық құжаттарды алу үшін ұялы байланыс операторы берген нөмірді портал есептік жазбасына қосыңыз.",
    home_steps_title: "Қалай жұмыс істейді",
    home_steps: [
        "Порталға кіріңіз.",
        "Жеке кабинетте ұялы нөмірді енгізіп, «Тексеру кодын алу» батырмасын басыңыз.",
        "SMS-тегі кодты енгізіп, сұрау салуды электрондық цифрлық қолтаңбамен куәландырыңыз.",
        "Нөмір автоматты түрде тексеріліп, есептік жазбаңызға қосылады.",
    ],
    home_facts_title: "Білген жөн",
    home_facts: [
        "Қызмет тегін және толық автоматтандырылған.",
        "10 минуттан аспайды.",
        "Техникалық үзілістерді қоспағанда, тәулік бойы қолжетімді.",
    ],
    home_cta_sign_in: "Кіріп, бастау",
    home_cta_cabinet: "Жеке кабинетке өту",

    sign_in_title: "Кіру",
    iin_label: "ЖСН",
    iin_hint: "Жеке сәйкестендіру нөміріңіздің 12 цифры",
    password_label: "Құпиясөз",
    sign_in_button: "Кіру",
    demo_accounts_hint: "Демо есептік жазбалар: демо-деректердегі кез келген ЖСН, мысалы 900515410001, құпиясөз demo-pass-2026.",
    err_credentials: "ЖСН немесе құпиясөз қате.",
    err_locked: "Сәтсіз әрекеттер тым көп. Бірнеше минут күтіп, қайталап көріңіз.",
    err_busy: "Дәл қазір кіретіндер тым көп. Бір минуттан кейін қайталап көріңіз.",
    err_iin_empty: "ЖСН енгізіңіз.",
    err_iin_digits: "ЖСН тек цифрлардан тұрады.",
    err_iin_length: "ЖСН дәл 12 цифрдан тұрады.",
    err_iin_check: "ЖСН-да қате бар: бақылау цифры сәйкес келмейді. Нөмірді тексеріңіз.",
    err_iin_bin: "Бұл бизнес-сәйкестендіру нөмірі (БСН). Қызмет жеке тұлғаларға арналған: өз ЖСН-іңізді енгізіңіз.",
    err_password_empty: "Құпиясөзді енгізіңіз.",
    err_malformed: "Форманы оқу мүмкін болмады. Оны қайта толтырыңыз.",
    err_unexpected: "Біз жақта қате орын алды. Кейінірек қайталаңыз немесе 1414 нөміріне қоңырау шалыңыз.",
    signed_out: "Сіз жүйеден шықтыңыз.",

    cabinet_title: "Жеке кабинет",
    cabinet_person: "Есептік жазба иесі",
    cabinet_name: "Аты-жөні",
    cabinet_iin: "ЖСН",
    cabinet_number_title: "Ұялы нөмір",
    cabinet_number: "Қосылған нөмір",
    cabinet_no_number: "Нөмір қосылмаған",
    cabinet_operator: "Оператор",
    cabinet_bound_at: "Қосылған күні",
    history_title: "Қосылу тарихы",
    history_empty: "Бұл есептік жазбаға әлі нөмір қосылмаған.",
    history_until: "дейін",
    history_current: "қолданыста",
    history_reassigned: "аяқталды: оператор нөмірді басқа абонентке берді",
    not_signed_in: "Жеке кабинетті ашу үшін кіріңіз.",
    loading: "Жүктелуде\u{2026}",

    demo_phone_title: "Демо-телефон",
    demo_phone_intro: "Демо-режимде қызмет жіберетін SMS хабарламалары осында нөмірлер бойынша келеді.",
    demo_phone_empty: "Әзірге хабарлама жоқ.",
    demo_phone_unavailable: "Демо-телефон тек демо-режимде қолжетімді.",
    demo_phone_received: "Алынды",

    not_found_title: "Бет табылмады",
    not_found_text: "Бұл мекенжайда бет жоқ. Мекенжайды тексеріңіз немесе басты бетке өтіңіз.",

    footer_provider_label: "Қызмет беруші",
    footer_provider: "Қазақстан Республикасының Цифрлық даму, инновациялар және аэроғарыш өнеркәсібі министрлігі",
    footer_contact_label: "Бірыңғай байланыс орталығы",
    footer_contact: "1414, 8-800-080-7777 (тегін)",
    footer_free: "Мемлекеттік қызмет тегін көрсетіледі.",

    number_title_bind: "Ұялы нөмірді қосу",
    number_title_change: "Нөмірді ауыстыру",
    number_label: "Ұялы нөмір",
    number_hint: "Мысалы: +7 701 234 56 78 немесе 8 701 234 56 78",
    consent_label: "Мемлекеттік қызметті көрсету үшін қолжетімділігі шектеулі дербес деректеріме қол жеткізуге келісім беремін",
    consent_hint: "Келісімсіз нөмір қосылмайды («Дербес деректер және оларды қорғау туралы» Заңның 8-бабы). Келісімді кез келген уақытта қайтарып алуға болады.",
    get_code_button: "Тексеру кодын алу",
    consent_title: "Дербес деректерге келісім",
    consent_given: "Келісім берілген күні",
    consent_none: "Келісім берілмеген.",
    consent_revoke: "Келісімді қайтарып алу",
    consent_revoked: "Келісім қайтарып алынды.",
    request_title: "Нөмірді растау",
    request_number: "Нөмір",
    open_request_text: "Сізде аяқталмаған сұрау салу бар, нөмірі",
    open_request_continue: "Сұрау салуды жалғастыру",
    request_term: "Сұрау салу мерзімі аяқталады",
    code_label: "SMS-тегі код",
    code_hint: "6 цифр",
    code_submit: "Растау",
    code_valid_until: "Код жарамды",
    tries_left: "Қалған әрекеттер саны",
    resend_button: "Кодты қайта жіберу",
    resend_after: "Жаңа кодты сұрауға болады",
    sign_title: "ЭЦҚ-мен куәландыру",
    sign_intro: "Код расталды. Енді сұрау салуды электрондық цифрлық қолтаңбаңызбен (NCALayer) куәландырыңыз.",
    in_app_title: "Қосымшада жалғастырыңыз",
    in_app_text: "Нөмірді ауыстыру қосымшада басталды: биометриялық аутентификациядан сонда өтіңіз. Содан кейін сұрау салуға ЭЦҚ-мен қосымшада немесе осында қол қойыңыз.",
    sign_button: "ЭЦҚ-мен қол қою",
    signing: "Қол қойылуда…",
    signer_cancelled: "Қол қою тоқтатылды.",
    signer_failed: "NCALayer қол қоя алмады",
    result_bound_title: "Нөмір қосылды",
    result_bound_text: "Нөмір есептік жазбаңызға қосылды.",
    result_refused_title: "Мемлекеттік қызметті көрсетуден бас тартылды",
    result_reason: "Себебі",
    result_basis: "Негіздеме",
    result_nothing_bound: "Нөмір қосылмады. Деректерді тексеріп, жаңа сұрау салуға болады.",
    result_contact: "Сұрақтар бойынша: Бірыңғай байланыс орталығы 1414, 8-800-080-7777.",
    result_expired_title: "Сұрау салу мерзімі өтті",
    result_expired_text: "Сұрау салу 10 минут ішінде аяқталмады. Нөмір қосылмады; жаңа сұрау салыңыз.",
    result_withdrawn_title: "Сұрау салу жаңасымен ауыстырылды",
    result_withdrawn_text: "Осы есептік жазба үшін жаңа сұрау салу басталды, сондықтан бұл сұрау салу аяқталды және оның коды енді жарамсыз. Ол бойынша нөмір қосылмады. Жаңа сұрау салуды жалғастырыңыз немесе жеке кабинетте қайта бастаңыз.",
    back_to_cabinet: "Жеке кабинетке оралу",
    request_not_found: "Мұндай сұрау салу жоқ.",
    err_number_empty: "Ұялы нөмірді енгізіңіз.",
    err_number_chars: "Нөмірде тек цифрлар, бос орын, жақша, сызықша және басында + болуы мүмкін.",
    err_number_length: "Қазақстандық ұялы нөмірде +7 немесе 8-ден кейін 10 цифр болады.",
    err_number_foreign: "Бұл Қазақстан нөмірі емес. Қазақстандық ұялы нөмірді енгізіңіз.",
    err_number_landline: "Бұл қалалық нөмір. Ұялы нөмірді енгізіңіз.",
    err_number_not_mobile: "Бұл нөмір қазақстандық ұялы байланыс ауқымына жатпайды.",
    err_already_bound: "Бұл нөмір есептік жазбаңызға бұрыннан қосылған.",
    err_too_soon: "Кодтар тым жиі сұралды. Біраз күтіп, қайталаңыз.",
    err_sms_unavailable: "SMS жіберу мүмкін болмады. Кейінірек қайталаңыз.",
    err_number_not_yours: "Мобильдік байланыс операторы бұл нөмірді сіздің атыңызға тіркемеген, сондықтан оған код жіберілмеді. Өз атыңызға тіркелген нөмірді енгізіңіз немесе операторға хабарласыңыз.",
    err_operator_unavailable: "Мобильдік операторлардың тізіліміне қазір қол жеткізу мүмкін емес; ештеңе жіберілмеді. Кейінірек қайталаңыз.",
    err_open_elsewhere: "Азаматтың басқа арнада ашық өтінімі бар; банк оны тоқтата алмайды. Ол аяқталғаннан кейін қайталаңыз.",
    err_code_empty: "SMS-тегі кодты енгізіңіз.",
    err_code_malformed: "Код 6 цифрдан тұрады.",
    err_code_wrong: "Код қате.",
    err_code_expired: "Кодтың мерзімі өтті. Жаңа кодты сұраңыз.",
    err_step: "Бұл қадам қазір мүмкін емес.",
    error_title: "Қате бар",
    err_not_signed_in: "Сеанс аяқталды немесе сіз кірмегенсіз. Қайта кіріңіз.",
    err_signature_check_unavailable: "Қазір қолтаңбаны тексеру мүмкін болмады. Бірнеше минуттан кейін қайталаңыз.",
    err_wrong_key_sign: "Бұл — сіздің аутентификация кілтіңіз (AUTH). Сұрауды куәландыру үшін қол қою кілтін таңдаңыз: NCALayer-де атауы RSA немесе GOST деп басталатын сертификатты (AUTH_RSA не AUTH_GOST емес).",
    err_wrong_key_auth: "Бұл — сіздің қол қою кілтіңіз. Кіру үшін аутентификация кілтін таңдаңыз: NCALayer-де атауы AUTH_RSA немесе AUTH_GOST деп басталатын сертификатты.",
    err_legal_entity_key: "Бұл — ұйымның кілті (сізге оның қызметкері ретінде берілген). Жеке тұлға ретіндегі өз кілтіңізді таңдаңыз.",
    err_too_large: "Форма тым үлкен. Оны қайта толтырыңыз.",
    err_unreachable: "Сервиске қосылу мүмкін болмады. Интернет байланысын тексеріп, қайталаңыз.",
    page_cross_site: "Сұрау басқа сайттан келді, сондықтан қабылданбады.",
    page_unknown_language: "Мұндай тіл жоқ. Қазақ, орыс немесе ағылшын тілін таңдаңыз.",
    page_demo_clock_step: "Демо сағатын бір рет 1-ден 1440 минутқа дейін, барлығы 30 күнге дейін жылжытуға болады.",
    page_home_link: "Басты бетке",
    sms_code: "растау коды",
    sms_keep_secret: "Ешкімге айтпаңыз.",
    sign_needs_script: "ЭЦҚ-мен қол қою үшін браузерде JavaScript қосулы және компьютерде NCALayer іске қосулы болуы керек. JavaScript-ті қосыңыз, NCALayer-ді іске қосыңыз (оны pki.gov.kz сайтынан жүктеуге болады), содан кейін осы бетті жаңартыңыз. Сұрау жоғарыда көрсетілген уақытқа дейін ашық тұрады.",
    code_sent_status: "Растау коды SMS арқылы жіберілді.",
    new_code_sent: "Жаңа код жіберілді.",
    ground_reason: reason,
    ground_basis: basis,
    complaints: &super::complaints::KK,
    eds: &super::eds::KK,
    problem_detail,
    err_permission_not_found: "Мұндай рұқсат жоқ немесе ол бұрын кері қайтарылған.",
    api_docs_title: "Nomir API құжаттамасы",
    api_docs_intro: "eGov mobile қосымшасы мен банктердің қосымшаларына арналған JSON API. Операция сипаттамалары ағылшын тілінде.",
    api_docs_download: "OpenAPI 3.1 құжатын жүктеу",
    api_docs_operations: "Операциялар",
    api_docs_request_body: "Сұрау денесі",
    api_docs_responses: "Жауаптар",
    uses_title: "Есептік жазбаңыз қайда қолданылды",
    uses_intro: "Нөміріңізді тіркеу немесе ауыстыру сұрауын бастаған әр арна.",
    uses_none: "Әзірге ешбір сұрау болған жоқ.",
    uses_channel: "Арна",
    uses_requests: "Сұраулар",
    uses_bound: "Тіркелді",
    uses_last: "Соңғысы",
    perms_title: "Құжаттарыңызды қарауға рұқсаттар",
    perms_intro: "Банктер сіздің рұқсатыңызбен цифрлық құжаттарыңызды қарай алады. Рұқсатты кез келген уақытта кері қайтара аласыз: банк мұны бірден көреді.",
    perms_none: "Ешбір банкке рұқсат берілмеген.",
    perm_bank: "Банк",
    perm_documents: "Құжаттар",
    perm_granted: "Берілген",
    perm_expires: "Мерзімі",
    perm_state: "Күйі",
    perm_revoke: "Рұқсатты кері қайтару",
    perm_revoked: "Рұқсат кері қайтарылды.",
    use_channel,
    document_kind,
    permission_state,
};

fn reason(g: RefusalGround) -> &'static str {
    match g {
        RefusalGround::IdentityNotFound => {
            "Жеке тұлғалардың мемлекеттік дерекқорында сіздің ЖСН бойынша жазба табылмады."
        }
        RefusalGround::IdentityDocumentInvalid => {
            "Тізілімде сіздің жеке басыңызды куәландыратын жарамды құжат жоқ: құжаттың мерзімі өткен немесе жарамсыз."
        }
        RefusalGround::PersonDeceased => "Тізілімде бұл ЖСН иесі қайтыс болды деп тіркелген.",
        RefusalGround::ConsentMissing => {
            "Қолжетімділігі шектеулі дербес деректерге қол жеткізуге келісім берілмеді."
        }
        RefusalGround::OperatorDoesNotConfirm => {
            "Ұялы байланыс операторы бұл нөмірдің сізге тіркелгенін растамады."
        }
        RefusalGround::CodeNotConfirmed => "Бір реттік пароль расталмады.",
        RefusalGround::BiometricsFailed => "Биометриялық аутентификациядан өтпеді.",
        RefusalGround::SignatureInvalid => {
            "Сұрау салу жарамды электрондық цифрлық қолтаңбамен куәландырылмады."
        }
        RefusalGround::TermExpired => "Сұрау салу 10 минут ішінде аяқталмады, оның мерзімі өтті.",
    }
}

fn basis(g: RefusalGround) -> &'static str {
    match g {
        RefusalGround::ConsentMissing => "№ 58 бұйрықпен бекітілген Қағидаларға қосымша (мемлекеттік қызметті көрсету тәртібі), 9-жол, 2) тармақша: \"Дербес деректер және оларды қорғау туралы\" Қазақстан Республикасы Заңының 8-бабы",
        RefusalGround::OperatorDoesNotConfirm => "Қағидалардың 1-тармағы: абоненттік нөмір ұялы байланыс операторы ұсынған болуы тиіс",
        RefusalGround::CodeNotConfirmed | RefusalGround::BiometricsFailed => "Қағидалардың 9-тармағы",
        RefusalGround::SignatureInvalid => "Қағидалардың 5-тармағының 2) тармақшасы; Қағидаларға қосымшаның (мемлекеттік қызметті көрсету тәртібі) 8-жолы",
        RefusalGround::TermExpired => "№ 58 бұйрықпен бекітілген Қағидаларға қосымша (мемлекеттік қызметті көрсету тәртібі), 3-жол: көрсету мерзімі 10 минут",
        RefusalGround::IdentityNotFound | RefusalGround::IdentityDocumentInvalid | RefusalGround::PersonDeceased => "№ 58 бұйрықпен бекітілген Қағидаларға қосымша (мемлекеттік қызметті көрсету тәртібі), 9-жол, 1) тармақша: \"Жеке басты куәландыратын құжаттар туралы\" және \"Сәйкестендіру нөмірлерінің ұлттық тізілімдері туралы\" Қазақстан Республикасының заңдары",
    }
}

fn problem_detail(p: ApiProblem) -> &'static str {
    match p {
        ApiProblem::InvalidClient => "Клиентті тану мүмкін болмады: идентификаторы мен құпиясын тексеріңіз немесе клиент кері қайтарылған.",
        ApiProblem::InvalidRequest => "Сұрау дұрыс құрылмаған: өрістерді, олардың түрлерін және міндетті өрістерді құжатпен салыстырыңыз.",
        ApiProblem::UnsupportedGrantType => "Тек client_credentials рұқсат түрі қолданылады.",
        ApiProblem::InvalidScope => "Сұралған рұқсат аясы белгісіз немесе бұл клиентке берілмеген.",
        ApiProblem::InvalidToken => "Қатынау токені жоқ, белгісіз, мерзімі өткен немесе кері қайтарылған: жаңа токен алыңыз.",
        ApiProblem::InsufficientScope => "Бұл токеннің осы әрекетке рұқсат аясы жоқ.",
        ApiProblem::RateLimited => "Клиенттің минуттық сұрау шегі таусылды: Retry-After тақырыбында көрсетілген уақыттан кейін қайталаңыз.",
        ApiProblem::NotFound => "Мұндай API ресурсы жоқ.",
        ApiProblem::MethodNotAllowed => "Бұл ресурс мұндай HTTP әдісін қабылдамайды.",
        ApiProblem::UnsupportedMediaType => "Сұрау денесінің түрі бұл операцияға сәйкес емес (Content-Type тексеріңіз).",
        ApiProblem::PayloadTooLarge => "Сұрау денесі тым үлкен.",
        ApiProblem::Busy => "Қызмет қазір бос емес: сәлден кейін қайталаңыз.",
        ApiProblem::NotSignedIn => "Азамат осы қосымшаға кірмеген немесе сеанс аяқталған: ЭЦҚ-мен қайта кіріп, жаңа X-Citizen-Token жіберіңіз.",
        ApiProblem::Internal => "Қызметтің ішкі қатесі. Сұрау идентификаторын (X-Request-Id) қолдау қызметіне хабарлаңыз.",
        ApiProblem::ChallengeUnusable => "Кіру сын-тапсырмасы белгісіз, басқа клиенттікі, пайдаланылған немесе мерзімі өткен: жаңасын сұраңыз.",
        ApiProblem::SignatureInvalid => "Сын-тапсырмадағы ЭЦҚ жарамсыз: азаматтың жарамды кілтімен қайта қол қойыңыз.",
        ApiProblem::NoAccount => "Қол қоюшының электрондық үкімет порталында есептік жазбасы жоқ.",
        ApiProblem::Unavailable => "Қызметке қажет жүйе (биометрия провайдері немесе тізілім) қазір қолжетімсіз: кейінірек қайталаңыз.",
        ApiProblem::IdempotencyKeyReused => "Бұл Idempotency-Key басқа сұрауда қолданылған: жаңа сұрауға жаңа кілт беріңіз.",
        ApiProblem::IdempotencyInProgress => "Осы Idempotency-Key кілтімен сұрау әлі орындалуда: сәлден кейін қайталаңыз.",
    }
}

fn use_channel(c: UseChannel) -> &'static str {
    match c {
        UseChannel::Portal => "Электрондық үкімет порталы",
        UseChannel::MobileApp => "eGov mobile қосымшасы",
        UseChannel::Bank => "Банк қосымшасы",
    }
}

fn document_kind(k: DocumentKindView) -> &'static str {
    match k {
        DocumentKindView::IdentityCard => "жеке куәлік",
        DocumentKindView::Passport => "паспорт",
        DocumentKindView::DriverLicence => "жүргізуші куәлігі",
        DocumentKindView::VehicleRegistration => "көлікті тіркеу куәлігі",
    }
}

fn permission_state(s: PermissionState) -> &'static str {
    match s {
        PermissionState::Pending => "тіркеу аяқталуын күтуде",
        PermissionState::InForce => "қолданыста",
        PermissionState::Revoked => "кері қайтарылды",
        PermissionState::Expired => "мерзімі өтті",
        PermissionState::NotGranted => "берілмеді: нөмір тіркелмеді",
    }
}
