// Units: durations in the UI language.
#include "models/units.h"

#include <QLocale>

QString Units::duration(qint64 ms)
{
    const bool negative = ms < 0;
    const qint64 a = negative ? -ms : ms;
    QString text;
    if (a < 1000)
        text = milliseconds(a);
    else if (a < 60'000)
        text = tr("%1 s").arg(QLocale().toString(static_cast<double>(a) / 1000.0, 'f', 1));
    else if (a < 3'600'000)
        text = tr("%1 min %2 s").arg(a / 60'000).arg((a % 60'000) / 1000);
    else
        text = tr("%1 h %2 min").arg(a / 3'600'000).arg((a % 3'600'000) / 60'000);
    return negative ? QStringLiteral("-") + text : text;
}

QString Units::seconds(qint64 ms)
{
    return tr("%1 s").arg(QLocale().toString(static_cast<double>(ms) / 1000.0, 'f', 1));
}

QString Units::milliseconds(qint64 ms)
{
    return tr("%1 ms").arg(ms);
}

QString Units::millisecondsSuffix()
{
    return tr(" ms");
}
