//! What a person reads about electronic signatures beyond the request's
//! signing step: sign-in with EDS, why a signature is refused, and what
//! NCALayer's answers mean, in Kazakh, Russian and English. Reached from
//! every language's [`Texts`](super::Texts) as `t.eds`.

use crate::eds_reason::EdsReason;

/// One language's EDS strings. Adding a field makes every language fail to
/// compile until it is translated.
pub struct EdsTexts {
    pub sign_in_title: &'static str,
    pub sign_in_intro: &'static str,
    pub sign_in_button: &'static str,
    pub password_title: &'static str,
    pub needs_script: &'static str,
    pub retry: &'static str,
    /// NCALayer does not answer: what to install and start.
    pub not_running: &'static str,
    pub wrong_password: &'static str,
    /// The chosen storage holds no suitable key (no card, empty token).
    pub no_key: &'static str,
    pub timed_out: &'static str,
    pub err_challenge: &'static str,
    pub err_not_confirmed: &'static str,
    pub reason: fn(EdsReason) -> &'static str,
}

pub static KK: EdsTexts = EdsTexts {
    sign_in_title: "Электрондық цифрлық қолтаңбамен (ЭЦҚ) кіру",
    sign_in_intro: "NCALayer кілт сақталған орынды және аутентификация кілтін (AUTH_RSA немесе AUTH_GOST) таңдауды, содан кейін оның құпиясөзін енгізуді сұрайды.",
    sign_in_button: "ЭЦҚ-мен кіру",
    password_title: "Немесе ЖСН мен құпиясөзбен кіріңіз",
    needs_script: "ЭЦҚ-мен кіру үшін браузерде JavaScript қосулы және компьютерде NCALayer іске қосулы болуы керек. Төменде ЖСН мен құпиясөзбен кіруге болады.",
    retry: "Қайталау",
    not_running: "NCALayer жауап бермейді. Оны pki.gov.kz сайтынан орнатып, іске қосыңыз (экранның төменгі жағында белгішесі пайда болады), содан кейін «Қайталау» батырмасын басыңыз.",
    wrong_password: "Кілттің құпиясөзі қате. Қайталап, құпиясөзді мұқият енгізіңіз.",
    no_key: "Таңдалған сақтау орнында жарамды кілт табылмады. Жеке куәлікті немесе токенді салыңыз, не кілт файлын таңдаңыз да, қайталаңыз.",
    timed_out: "NCALayer уақытында жауап бермеді. Қайталаңыз.",
    err_challenge: "Кіру беті тым ұзақ ашық тұрды немесе бұрын пайдаланылды. Қайтадан қол қойыңыз.",
    err_not_confirmed: "Жеке тұлғалар тізілімі осы сертификаттағы ЖСН бойынша жарамды құжаты бар адамды растамайды, сондықтан тіркелгі ашылмады. Халыққа қызмет көрсету орталығына жүгініңіз.",
    reason: reason_kk,
};

fn reason_kk(r: EdsReason) -> &'static str {
    match r {
        EdsReason::Invalid => "Қолтаңба жарамсыз: ол бұзылған немесе басқа мәтінге қойылған. Қайта қол қойыңыз.",
        EdsReason::Untrusted => "Сертификатты Қазақстан Республикасының Ұлттық куәландырушы орталығы бермеген. ҰКО берген кілтті таңдаңыз.",
        EdsReason::Expired => "Сертификаттың мерзімі өтіп кеткен. Кілтті pki.gov.kz сайтында жаңартыңыз.",
        EdsReason::NotYetValid => "Сертификат әлі күшіне енбеген. Күтіңіз немесе басқа кілтті таңдаңыз.",
        EdsReason::Revoked => "Сертификат кері қайтарылған (кілт жоғалған не ауыстырылған). Жаңа кілтті pki.gov.kz сайтында алыңыз.",
        EdsReason::Unsupported => "Бұл кілттің алгоритмі қолданылмайды (ескі ГОСТ 34.310-2004). RSA немесе ГОСТ 2015 кілтін алыңыз.",
        EdsReason::NoIin => "Сертификатта ЖСН көрсетілмеген. Жеке тұлғаның кілтін таңдаңыз.",
    }
}

pub static RU: EdsTexts = EdsTexts {
    sign_in_title: "Вход с электронной цифровой подписью (ЭЦП)",
    sign_in_intro: "NCALayer попросит выбрать хранилище ключей и ключ аутентификации (AUTH_RSA или AUTH_GOST), затем ввести его пароль.",
    sign_in_button: "Войти с ЭЦП",
    password_title: "Или войдите по ИИН и паролю",
    needs_script: "Для входа с ЭЦП в браузере должен быть включён JavaScript, а на компьютере запущен NCALayer. Ниже можно войти по ИИН и паролю.",
    retry: "Повторить",
    not_running: "NCALayer не отвечает. Установите его с сайта pki.gov.kz и запустите (внизу экрана появится значок), затем нажмите «Повторить».",
    wrong_password: "Неверный пароль ключа. Повторите и введите пароль внимательно.",
    no_key: "В выбранном хранилище нет подходящего ключа. Вставьте удостоверение личности или токен либо выберите файл ключа и повторите.",
    timed_out: "NCALayer не ответил вовремя. Повторите.",
    err_challenge: "Страница входа была открыта слишком долго или уже использована. Подпишите ещё раз.",
    err_not_confirmed: "Государственная база данных физических лиц не подтверждает человека с действительным документом по ИИН из этого сертификата, поэтому учётная запись не создана. Обратитесь в центр обслуживания населения.",
    reason: reason_ru,
};

fn reason_ru(r: EdsReason) -> &'static str {
    match r {
        EdsReason::Invalid => "Подпись недействительна: она повреждена или поставлена под другим текстом. Подпишите заново.",
        EdsReason::Untrusted => "Сертификат выдан не Национальным удостоверяющим центром РК. Выберите ключ, выданный НУЦ.",
        EdsReason::Expired => "Срок действия сертификата истёк. Обновите ключ на pki.gov.kz.",
        EdsReason::NotYetValid => "Сертификат ещё не вступил в силу. Подождите или выберите другой ключ.",
        EdsReason::Revoked => "Сертификат отозван (ключ утерян или заменён). Получите новый ключ на pki.gov.kz.",
        EdsReason::Unsupported => "Алгоритм этого ключа не поддерживается (устаревший ГОСТ 34.310-2004). Получите ключ RSA или ГОСТ 2015.",
        EdsReason::NoIin => "В сертификате не указан ИИН. Выберите ключ физического лица.",
    }
}

pub static EN: EdsTexts = EdsTexts {
    sign_in_title: "Sign in with an electronic digital signature (EDS)",
    sign_in_intro: "NCALayer will ask you to choose your key storage and your authentication key (AUTH_RSA or AUTH_GOST), then to enter its password.",
    sign_in_button: "Sign in with EDS",
    password_title: "Or sign in with IIN and password",
    needs_script: "Signing in with EDS needs JavaScript turned on in the browser and NCALayer running on your computer. You can sign in with IIN and password below.",
    retry: "Try again",
    not_running: "NCALayer does not answer. Install it from pki.gov.kz and start it (its icon appears at the bottom of the screen), then press “Try again”.",
    wrong_password: "The key's password is wrong. Try again and enter it carefully.",
    no_key: "No suitable key was found in the chosen storage. Insert your ID card or token, or choose your key file, and try again.",
    timed_out: "NCALayer did not answer in time. Try again.",
    err_challenge: "The sign-in page was open too long or was used already. Please sign again.",
    err_not_confirmed: "The identity register does not confirm a person with a valid identity document under the IIN of this certificate, so no account was opened. Please visit a public service centre.",
    reason: reason_en,
};

fn reason_en(r: EdsReason) -> &'static str {
    match r {
        EdsReason::Invalid => "The signature is not valid: it is damaged or was made over another text. Please sign again.",
        EdsReason::Untrusted => "The certificate was not issued by the National Certification Authority of Kazakhstan. Choose a key the NCA issued.",
        EdsReason::Expired => "The certificate has expired. Renew your key at pki.gov.kz.",
        EdsReason::NotYetValid => "The certificate is not valid yet. Wait, or choose another key.",
        EdsReason::Revoked => "The certificate has been revoked (the key was lost or replaced). Get a new key at pki.gov.kz.",
        EdsReason::Unsupported => "This key's algorithm is no longer accepted (the old GOST 34.310-2004). Get an RSA or GOST 2015 key.",
        EdsReason::NoIin => "The certificate names no IIN. Choose an individual's key.",
    }
}
