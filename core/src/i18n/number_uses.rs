//! What a person reads about the bound number at work: signing in with a
//! code sent to it, the messages it received, and the notifications the
//! citizen takes or turns off, in Kazakh, Russian and English, by
//! [`texts`]; only pages the server renders read them. The errors about
//! these, like every error's words, are in `Texts`.

use super::Lang;
use crate::domain::sms::SmsKind;

/// The strings of `lang`.
pub fn texts(lang: Lang) -> &'static NumberUsesTexts {
    match lang {
        Lang::Kk => &KK,
        Lang::Ru => &RU,
        Lang::En => &EN,
    }
}

/// One language's strings. Adding a field makes every language fail to
/// compile until it is translated.
pub struct NumberUsesTexts {
    /// The SMS's words before the sign-in code.
    pub sms_sign_in_code: &'static str,
    pub code_title: &'static str,
    /// `{number}`: the bound number, masked.
    pub code_sent_to: &'static str,
    pub code_label: &'static str,
    pub code_hint: &'static str,
    pub code_button: &'static str,
    pub resend_button: &'static str,
    /// `{time}`: when a new code may be asked for.
    pub resend_at: &'static str,
    pub start_again: &'static str,
    pub factor_title: &'static str,
    pub factor_on: &'static str,
    pub factor_off: &'static str,
    pub factor_turn_on: &'static str,
    pub factor_turn_off: &'static str,
    pub factor_needs_number: &'static str,
    pub messages_title: &'static str,
    pub messages_none: &'static str,
    pub col_when: &'static str,
    pub col_from: &'static str,
    pub col_what: &'static str,
    pub col_number: &'static str,
    pub from_service: &'static str,
    pub kind: fn(SmsKind) -> &'static str,
    pub prefs_title: &'static str,
    pub prefs_intro: &'static str,
    pub pref_receiving: &'static str,
    pub pref_stopped: &'static str,
    pub pref_required: &'static str,
    pub pref_stop: &'static str,
    pub pref_resume: &'static str,
}

pub static KK: NumberUsesTexts = NumberUsesTexts {
    sms_sign_in_code: "порталға кіру коды",
    code_title: "SMS-тегі кодты енгізіңіз",
    code_sent_to: "Құпиясөз дұрыс. Кіруді аяқтау үшін {number} нөміріне жіберілген 6 таңбалы кодты енгізіңіз. Код 5 минут жарамды.",
    code_label: "SMS-тегі код",
    code_hint: "6 цифр. Кодты ешкімге айтпаңыз.",
    code_button: "Кіру",
    resend_button: "Жаңа код жіберу",
    resend_at: "Жаңа кодты {time} кейін сұрауға болады.",
    start_again: "Қайтадан кіру",
    factor_title: "SMS-кодпен кіру",
    factor_on: "Қосулы: құпиясөзбен әр кіргенде байланыстырылған нөмірге жіберілген код та сұралады. Сондықтан нөміріңізді құпиясөзбен ғана ешкім ауыстыра алмайды.",
    factor_off: "Өшірулі: құпиясөзбен кіруге тек құпиясөз жеткілікті.",
    factor_turn_on: "SMS-кодпен кіруді қосу",
    factor_turn_off: "SMS-кодпен кіруді өшіру",
    factor_needs_number: "Қосу үшін нөмірді байланыстырыңыз.",
    messages_title: "Нөміріңізге жіберілген хабарламалар",
    messages_none: "Әзірге хабарлама жоқ.",
    col_when: "Қашан",
    col_from: "Кімнен",
    col_what: "Не туралы",
    col_number: "Нөмір",
    from_service: "Nomir",
    kind: kind_kk,
    prefs_title: "Мемлекеттік қызметтердің хабарламалары",
    prefs_intro: "Міндетті емес хабарламаларды өшіруге болады. Заң талап ететін хабарламалар әрқашан келеді.",
    pref_receiving: "Келеді",
    pref_stopped: "Өшірілген",
    pref_required: "Міндетті",
    pref_stop: "Өшіру",
    pref_resume: "Қайта қосу",
};

fn kind_kk(k: SmsKind) -> &'static str {
    match k {
        SmsKind::BindingCode => "Нөмірді байланыстыру коды",
        SmsKind::SignInCode => "Порталға кіру коды",
        SmsKind::NumberUnbound => "Нөмір бұдан былай байланыстырылмағаны туралы хабар",
        SmsKind::ComplaintNews => "Шағымыңыз туралы жаңалық",
        SmsKind::Notification => "Хабарлама",
    }
}

pub static RU: NumberUsesTexts = NumberUsesTexts {
    sms_sign_in_code: "Код входа на портал",
    code_title: "Введите код из SMS",
    code_sent_to: "Пароль верный. Чтобы завершить вход, введите 6-значный код, отправленный на номер {number}. Код действует 5 минут.",
    code_label: "Код из SMS",
    code_hint: "6 цифр. Никому не сообщайте код.",
    code_button: "Войти",
    resend_button: "Отправить новый код",
    resend_at: "Новый код можно запросить после {time}.",
    start_again: "Войти заново",
    factor_title: "Вход с SMS-кодом",
    factor_on: "Включён: при каждом входе по паролю запрашивается и код, отправленный на привязанный номер. Поэтому никто не сменит ваш номер, зная только пароль.",
    factor_off: "Выключен: для входа по паролю достаточно пароля.",
    factor_turn_on: "Включить вход с SMS-кодом",
    factor_turn_off: "Выключить вход с SMS-кодом",
    factor_needs_number: "Чтобы включить, привяжите номер.",
    messages_title: "Сообщения на ваш номер",
    messages_none: "Сообщений пока нет.",
    col_when: "Когда",
    col_from: "От кого",
    col_what: "О чём",
    col_number: "Номер",
    from_service: "Nomir",
    kind: kind_ru,
    prefs_title: "Уведомления государственных услуг",
    prefs_intro: "Необязательные уведомления можно отключить. Уведомления, которых требует закон, приходят всегда.",
    pref_receiving: "Приходят",
    pref_stopped: "Отключены",
    pref_required: "Обязательные",
    pref_stop: "Отключить",
    pref_resume: "Включить снова",
};

fn kind_ru(k: SmsKind) -> &'static str {
    match k {
        SmsKind::BindingCode => "Код привязки номера",
        SmsKind::SignInCode => "Код входа на портал",
        SmsKind::NumberUnbound => "Сообщение о том, что номер больше не привязан",
        SmsKind::ComplaintNews => "Новости по вашей жалобе",
        SmsKind::Notification => "Уведомление",
    }
}

pub static EN: NumberUsesTexts = NumberUsesTexts {
    sms_sign_in_code: "portal sign-in code",
    code_title: "Enter the code from the SMS",
    code_sent_to: "Your password is right. To finish signing in, enter the 6-digit code sent to {number}. The code is valid for 5 minutes.",
    code_label: "Code from the SMS",
    code_hint: "6 digits. Never tell anyone the code.",
    code_button: "Sign in",
    resend_button: "Send a new code",
    resend_at: "You can ask for a new code after {time}.",
    start_again: "Sign in again",
    factor_title: "Sign-in with an SMS code",
    factor_on: "On: each sign-in with your password also asks for a code sent to your bound number. So nobody can change your number with your password alone.",
    factor_off: "Off: signing in with your password needs only the password.",
    factor_turn_on: "Turn on sign-in with an SMS code",
    factor_turn_off: "Turn off sign-in with an SMS code",
    factor_needs_number: "Bind a number to turn it on.",
    messages_title: "Messages to your number",
    messages_none: "No messages yet.",
    col_when: "When",
    col_from: "From",
    col_what: "About",
    col_number: "Number",
    from_service: "Nomir",
    kind: kind_en,
    prefs_title: "Notifications from state services",
    prefs_intro: "You can turn off optional notifications. Those the law requires always come.",
    pref_receiving: "Receiving",
    pref_stopped: "Turned off",
    pref_required: "Required",
    pref_stop: "Turn off",
    pref_resume: "Turn on again",
};

fn kind_en(k: SmsKind) -> &'static str {
    match k {
        SmsKind::BindingCode => "Code to bind the number",
        SmsKind::SignInCode => "Portal sign-in code",
        SmsKind::NumberUnbound => "Notice that the number is no longer bound",
        SmsKind::ComplaintNews => "News of your complaint",
        SmsKind::Notification => "Notification",
    }
}
