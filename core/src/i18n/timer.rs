//! The words of the code step's live times: the time left in the
//! request's term (10 minutes, lengthened by maintenance breaks), the wait
//! before a new code, and what a screen reader hears (at the start, at 5,
//! 2 and 1 minutes left, and at the end; never every second).

use super::Lang;

/// One language's words of the code step's timers. Adding a field makes
/// every language fail to compile until it is translated.
pub struct TimerTexts {
    /// Before the minutes and seconds left in the request's term.
    pub time_left: &'static str,
    /// Before the wait for a new code: "A new code can be requested in".
    pub resend_in: &'static str,
    /// Once a new code can be asked for.
    pub resend_ready: &'static str,
    /// Heard at the start: how long the term is (`{}`: the minutes).
    pub announce_start: &'static str,
    /// Heard with 5, 2 and 1 minutes left.
    pub announce_5: &'static str,
    pub announce_2: &'static str,
    pub announce_1: &'static str,
    /// Shown and heard when the term is over, with a link to the result.
    pub expired: &'static str,
    /// The link to see the request's result.
    pub see_result: &'static str,
}

/// The words in `lang`.
pub fn timer_texts(lang: Lang) -> &'static TimerTexts {
    match lang {
        Lang::Kk => &KK,
        Lang::Ru => &RU,
        Lang::En => &EN,
    }
}

pub const KK: TimerTexts = TimerTexts {
    time_left: "Сұрау салуды аяқтауға қалған уақыт",
    resend_in: "Жаңа кодты сұрауға дейін қалған уақыт:",
    resend_ready: "Енді жаңа кодты сұрауға болады.",
    announce_start: "Сұрау салуды аяқтауға {} минут бар.",
    announce_5: "Сұрау салуды аяқтауға 5 минут қалды.",
    announce_2: "Сұрау салуды аяқтауға 2 минут қалды.",
    announce_1: "Сұрау салуды аяқтауға 1 минут қалды.",
    expired: "Сұрау салу мерзімі өтті.",
    see_result: "Нәтижесін көру",
};

pub const RU: TimerTexts = TimerTexts {
    time_left: "Осталось времени на завершение запроса",
    resend_in: "Новый код можно запросить через",
    resend_ready: "Теперь можно запросить новый код.",
    announce_start: "На завершение запроса {} мин.",
    announce_5: "До конца срока запроса 5 минут.",
    announce_2: "До конца срока запроса 2 минуты.",
    announce_1: "До конца срока запроса 1 минута.",
    expired: "Срок запроса истёк.",
    see_result: "Посмотреть результат",
};

pub const EN: TimerTexts = TimerTexts {
    time_left: "Time left to complete the request",
    resend_in: "A new code can be requested in",
    resend_ready: "You can now ask for a new code.",
    announce_start: "You have {} minutes to complete the request.",
    announce_5: "5 minutes left to complete the request.",
    announce_2: "2 minutes left to complete the request.",
    announce_1: "1 minute left to complete the request.",
    expired: "The request's time is over.",
    see_result: "See the result",
};
