// EnglishPlurals: see english_plurals.h.
#include "i18n/english_plurals.h"

#include <QRegularExpression>

QString EnglishPlurals::pluralize(const QString &source, int n)
{
    static const QRegularExpression percentN(QStringLiteral("%L?n"));
    const QRegularExpressionMatch m = percentN.match(source);
    if (!m.hasMatch())
        return QString();
    const qsizetype s = source.indexOf(QLatin1String("(s)"), m.capturedEnd());
    if (s < 0)
        return QString();
    QString out = source;
    out.replace(s, 3, n == 1 ? QString() : QStringLiteral("s"));
    return out;
}

QString EnglishPlurals::translate(const char *context, const char *sourceText, const char *disambiguation,
                                  int n) const
{
    Q_UNUSED(context);
    Q_UNUSED(disambiguation);
    if (n < 0 || !sourceText)
        return QString();
    return pluralize(QString::fromUtf8(sourceText), n);
}
