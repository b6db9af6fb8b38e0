// Units: the one formatter for durations and times a user reads, so every view says them the
// same way in each language — English "850 ms", "6.0 s", "2 min 5 s"; Korean "850밀리초",
// "6.0초", "2분 5초" (never "6.0초 → 0 ms"). Views and models call it instead of writing
// "%1 ms" / "%1 s" themselves. Numbers use QLocale's default (the UI language).
// Pure functions; any thread (tr() is reentrant); used on the GUI thread.
#pragma once

#include <QCoreApplication>
#include <QString>

class Units {
    Q_DECLARE_TR_FUNCTIONS(Units)
public:
    // A length of time, in the largest unit that reads well: under a second in ms ("850 ms"),
    // under a minute in seconds with one decimal ("6.0 s"), then minutes and whole seconds
    // ("2 min 5 s"), hours and minutes ("1 h 20 min").
    static QString duration(qint64 ms);
    // A running clock, always in seconds with one decimal ("0.0 s", "4.6 s"), so it does not
    // change unit while it ticks (the scenario player's time).
    static QString seconds(qint64 ms);
    // A value Kafka states in milliseconds (a timeout, a delay: "10000 ms"), kept in ms so it
    // matches the *.ms setting it came from.
    static QString milliseconds(qint64 ms);
    // The unit after a spin box of milliseconds (" ms" / "밀리초").
    static QString millisecondsSuffix();
};
