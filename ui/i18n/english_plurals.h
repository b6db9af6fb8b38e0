// EnglishPlurals: the English text of tr("... %n thing(s) ...", nullptr, n) strings. The sources
// are English with a "(s)" placeholder; Korean has one form, so kafkalab_ko.ts needs no numerus
// forms, but English without a translator would read "1 partition(s)" / "3 partition(s)". This
// translator answers only numerus strings: the first "(s)" after %n (or %Ln) becomes "" for
// n == 1 and "s" otherwise; Qt then substitutes %n. Everything else is left to the next
// translator or the source text. Install it before (below) the Korean translator: Qt asks the
// most recently installed translator first, so Korean still wins when it is installed.
#pragma once

#include <QTranslator>

class EnglishPlurals : public QTranslator {
    Q_OBJECT
public:
    using QTranslator::QTranslator;

    QString translate(const char *context, const char *sourceText, const char *disambiguation = nullptr,
                      int n = -1) const override;
    bool isEmpty() const override { return false; }

    // The rule itself, for tests: `source` with its numerus "(s)" resolved for n.
    static QString pluralize(const QString &source, int n);
};
