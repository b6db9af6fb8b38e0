// The window on a 1024x700 projector, in English and in Korean (the real translator from the
// built .qm): a live cluster with a replicated topic and records, the window resized to
// 1024x700, every center tab shown with each right-hand tab. Checked: the window's
// minimumSizeHint fits 1024x700; every visible label, button, combo box, group box title, tab
// and header section shows its whole text (its font's advance fits the widget's width); every
// visible widget lies inside its parents (up to its scroll area's viewport, where only the
// width must fit) and so inside the window; the toolbar does not hide widgets in its extension
// menu. Screenshots of each tab go to the build directory (fit-<lang>-<tab>.png).
#include "bridge/bridge.h"
#include "view_test_fixture.h"
#include "views/main_window.h"

#include <QAbstractButton>
#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDir>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QStackedWidget>
#include <QSettings>
#include <QTemporaryDir>
#include <QStyle>
#include <QStyleOptionComboBox>
#include <QTabBar>
#include <QTabWidget>
#include <QTest>
#include <QTextDocument>
#include <QToolBar>
#include <QToolButton>
#include <QTranslator>

namespace {

QString plain(const QString &text, Qt::TextFormat format)
{
    if (format == Qt::PlainText || (format == Qt::AutoText && !Qt::mightBeRichText(text)))
        return text;
    QTextDocument doc;
    doc.setHtml(text);
    return doc.toPlainText();
}

// The widest line of the text (labels may hold several lines).
int advance(const QFontMetrics &fm, const QString &text)
{
    int w = 0;
    for (const QString &line : text.split(QLatin1Char('\n')))
        w = std::max(w, fm.horizontalAdvance(line));
    return w;
}

QString describe(const QWidget *w)
{
    QString path;
    for (const QWidget *p = w; p && !p->isWindow(); p = p->parentWidget())
        path.prepend(QStringLiteral("/%1(%2)").arg(QString::fromLatin1(p->metaObject()->className()),
                                                   p->objectName()));
    return path;
}

// Widgets drawn outside one of their parents (cut off), up to a scroll area's viewport (only
// the width counts there: the area scrolls vertically) or the window.
void checkInside(QWidget *w, QStringList &problems)
{
    const QRect own(QPoint(0, 0), w->size());
    for (QWidget *p = w->parentWidget(); p; p = p->parentWidget()) {
        const QRect r(w->mapTo(p, QPoint(0, 0)), w->size());
        auto *area = qobject_cast<QAbstractScrollArea *>(p->parentWidget());
        if (area && area->viewport() == p) {
            const bool hScroll = area->horizontalScrollBar()->isVisible();
            if (!hScroll && (r.left() < -1 || r.right() > p->width() + 1))
                problems << QStringLiteral("%1: wider than its scroll area (%2..%3 of %4)")
                                .arg(describe(w)).arg(r.left()).arg(r.right()).arg(p->width());
            return;
        }
        if (!QRect(QPoint(-1, -1), p->size() + QSize(2, 2)).contains(r))
            problems << QStringLiteral("%1: outside %2 (%3,%4 %5x%6 in %7x%8)")
                            .arg(describe(w), describe(p)).arg(r.x()).arg(r.y()).arg(r.width())
                            .arg(r.height()).arg(p->width()).arg(p->height());
        if (p->isWindow())
            return;
        Q_UNUSED(own);
    }
}

void checkText(QWidget *w, QStringList &problems)
{
    const QFontMetrics fm = w->fontMetrics();
    auto cut = [&](const QString &text, int need, int have) {
        problems << QStringLiteral("%1: \"%2\" needs %3 px, has %4").arg(describe(w), text).arg(need).arg(have);
    };
    if (auto *label = qobject_cast<QLabel *>(w)) {
        if (label->wordWrap() || label->text().isEmpty())
            return;
        const QString text = plain(label->text(), label->textFormat());
        const int need = advance(fm, text);
        const int have = label->contentsRect().width() - 2 * label->margin() - std::max(0, label->indent());
        if (need > have)
            cut(text, need, have);
    } else if (auto *box = qobject_cast<QCheckBox *>(w); box || qobject_cast<QRadioButton *>(w)) {
        auto *b = static_cast<QAbstractButton *>(w);
        const int indicator = w->style()->pixelMetric(box ? QStyle::PM_IndicatorWidth : QStyle::PM_ExclusiveIndicatorWidth, nullptr, w)
                              + w->style()->pixelMetric(box ? QStyle::PM_CheckBoxLabelSpacing : QStyle::PM_RadioButtonLabelSpacing, nullptr, w);
        const QString text = QString(b->text()).remove(QLatin1Char('&'));
        const int need = indicator + advance(fm, text);
        if (!text.isEmpty() && need > w->width())
            cut(text, need, w->width());
    } else if (auto *b = qobject_cast<QAbstractButton *>(w)) {
        const QString text = QString(b->text()).remove(QLatin1Char('&'));
        if (text.isEmpty())
            return;
        auto *tool = qobject_cast<QToolButton *>(w);
        if (tool && tool->toolButtonStyle() == Qt::ToolButtonIconOnly && !tool->icon().isNull())
            return;
        int need = advance(fm, text) + (tool ? 4 : 6);
        if (!b->icon().isNull())
            need += b->iconSize().width() + 4;
        if (need > w->width())
            cut(text, need, w->width());
    } else if (auto *combo = qobject_cast<QComboBox *>(w)) {
        if (combo->isEditable())
            return; // the user's text scrolls in a line edit
        QStyleOptionComboBox opt;
        opt.initFrom(combo);
        opt.editable = false;
        opt.frame = combo->hasFrame();
        opt.subControls = QStyle::SC_All;
        opt.currentText = combo->currentText();
        const QRect field = w->style()->subControlRect(QStyle::CC_ComboBox, &opt, QStyle::SC_ComboBoxEditField, w);
        const int need = advance(fm, combo->currentText());
        if (need > field.width())
            cut(combo->currentText(), need, field.width());
    } else if (auto *group = qobject_cast<QGroupBox *>(w)) {
        const int need = advance(fm, group->title()) + 12;
        if (!group->title().isEmpty() && need > w->width())
            cut(group->title(), need, w->width());
    } else if (auto *tabs = qobject_cast<QTabBar *>(w)) {
        for (int i = 0; i < tabs->count(); ++i) {
            const QRect r = tabs->tabRect(i);
            const int need = advance(fm, tabs->tabText(i));
            if (r.right() > tabs->width() + 1 || r.left() < -1)
                problems << QStringLiteral("%1: tab \"%2\" scrolled out of the bar").arg(describe(w), tabs->tabText(i));
            else if (need > r.width())
                cut(tabs->tabText(i), need, r.width());
        }
    } else if (auto *header = qobject_cast<QHeaderView *>(w); header && header->orientation() == Qt::Horizontal) {
        auto *view = qobject_cast<QAbstractScrollArea *>(header->parentWidget());
        const bool hScroll = view && view->horizontalScrollBar()->isVisible();
        const int margin = 2 * w->style()->pixelMetric(QStyle::PM_HeaderMargin, nullptr, w);
        for (int i = 0; i < header->count(); ++i) {
            if (header->isSectionHidden(i) || !header->model())
                continue;
            const QString text = header->model()->headerData(i, Qt::Horizontal).toString();
            const int x = header->sectionViewportPosition(i);
            const int size = header->sectionSize(i);
            if (!hScroll && x + size > header->viewport()->width() + 1)
                problems << QStringLiteral("%1: column \"%2\" cut at the right (%3+%4 > %5)")
                                .arg(describe(w), text).arg(x).arg(size).arg(header->viewport()->width());
            const int need = advance(fm, text) + margin;
            if (need > size)
                cut(text, need, size);
        }
    }
}

QStringList problemsIn(QWidget *window)
{
    QStringList problems;
    for (QWidget *w : window->findChildren<QWidget *>()) {
        if (!w->isVisible() || w->isWindow())
            continue;
        checkText(w, problems);
        checkInside(w, problems);
    }
    for (QToolBar *bar : window->findChildren<QToolBar *>()) {
        for (QToolButton *ext : bar->findChildren<QToolButton *>(QStringLiteral("qt_toolbar_ext_button")))
            if (ext->isVisible())
                problems << QStringLiteral("toolbar %1 hides widgets in its extension menu").arg(bar->objectName());
    }
    problems.removeDuplicates();
    return problems;
}

} // namespace

class TestWindowFit : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        // The splitters' saved sizes of an earlier run stay out of this one.
        QVERIFY(m_settings.isValid());
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settings.path());
    }

    void fitsA1024x700Projector_data()
    {
        QTest::addColumn<QString>("lang");
        QTest::newRow("English") << QStringLiteral("en");
        QTest::newRow("Korean") << QStringLiteral("ko");
    }
    void fitsA1024x700Projector()
    {
        QFETCH(QString, lang);
        QTranslator translator;
        if (lang == QLatin1String("ko")) {
            QVERIFY2(translator.load(QStringLiteral(":/i18n/kafkalab_ko.qm")), "the Korean .qm resource is missing");
            QCoreApplication::installTranslator(&translator);
            QLocale::setDefault(QLocale(QLocale::Korean));
        } else {
            QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        }
        viewtest::LiveCluster cluster;
        QVERIFY(cluster.open(3));
        QVERIFY(cluster.createTopic("orders", viewtest::topicConfig(6, 3)).isOk());
        QVERIFY(cluster.produceOrders("orders", 30));
        QStringList problems;
        {
            Bridge bridge(*cluster.engine);
            MainWindow window(bridge);
            window.setLanguage(lang);
            window.resize(1024, 700);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            bridge.refresh();
            window.selectTopic(QStringLiteral("orders"));
            QTest::qWait(300);

            const QSize min = window.minimumSizeHint();
            if (min.width() > 1024 || min.height() > 700) {
                problems << QStringLiteral("the window's minimumSizeHint is %1x%2").arg(min.width()).arg(min.height());
                // Who asks for it: the panes and the pages of the tab widgets.
                for (QWidget *w : window.findChildren<QWidget *>()) {
                    auto *stack = qobject_cast<QStackedWidget *>(w->parentWidget());
                    if (qobject_cast<QSplitter *>(w->parentWidget()) || stack || qobject_cast<QToolBar *>(w))
                        problems << QStringLiteral("  %1 asks for %2x%3").arg(describe(w))
                                        .arg(w->minimumSizeHint().width()).arg(w->minimumSizeHint().height());
                }
            }
            if (window.size() != QSize(1024, 700))
                problems << QStringLiteral("the window is %1x%2").arg(window.width()).arg(window.height());

            QTabWidget *center = window.centerTabs();
            QTabWidget *right = window.rightTabs();
            QTabWidget *bottom = window.bottomTabs();
            const QString dir = QCoreApplication::applicationDirPath();
            for (int c = 0; c < center->count(); ++c) {
                center->setCurrentIndex(c);
                for (int r = 0; r < right->count(); ++r) {
                    right->setCurrentIndex(r);
                    bottom->setCurrentIndex((c + r) % bottom->count());
                    QTest::qWait(150); // views pull the snapshot, layouts settle
                    const QString where = QStringLiteral("[%1 | %2 | %3] ")
                                              .arg(center->tabText(c), right->tabText(r), bottom->tabText(bottom->currentIndex()));
                    for (const QString &p : problemsIn(&window))
                        problems << where + p;
                    window.grab().save(QDir(dir).filePath(QStringLiteral("fit-%1-%2-%3.png").arg(lang).arg(c).arg(r)));
                }
            }
        }
        cluster.engine->stop();
        if (lang == QLatin1String("ko"))
            QCoreApplication::removeTranslator(&translator);
        problems.removeDuplicates();
        for (const QString &p : problems)
            qWarning("%s", qPrintable(p));
        QVERIFY2(problems.isEmpty(), "clipped or hidden texts at 1024x700 (listed above)");
    }

private:
    QTemporaryDir m_settings;
};

QTEST_MAIN(TestWindowFit)
#include "test_window_fit.moc"
