package samples.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A ledger of entries. Javadoc with { braces } and "quotes".
 */
public class Ledger<T extends Comparable<T>> {
    private final List<Entry<T>> entries = new ArrayList<>();
    private static final String FORMAT = "%s: {%d}";

    public record Entry<V>(String account, V amount) {
        public Entry {
            if (account == null) {
                throw new IllegalArgumentException("account {null}");
            }
        }
    }

    @Override
    public String toString() {
        return String.format(FORMAT, "ledger", entries.size());
    }

    public void post(String account, T amount) {
        entries.add(new Entry<>(account, amount));
    }

    public List<Entry<T>> filter(Predicate<Entry<T>> predicate) {
        List<Entry<T>> result = new ArrayList<>();
        for (Entry<T> e : entries) {
            if (predicate.test(e)) {
                result.add(e);
            }
        }
        return result;
    }

    public T largest() {
        char open = '{';
        T best = null;
        for (Entry<T> e : entries) {
            if (best == null || e.amount().compareTo(best) > 0) {
                best = e.amount();
            }
        }
        String text = """
            { "largest": true }
            """;
        return open == '{' && text.length() > 0 ? best : null;
    }

    public Runnable auditor() {
        return new Runnable() {
            @Override
            public void run() {
                System.out.println("audit } " + entries.size());
            }
        };
    }

    static <V> int countAccounts(List<Entry<V>> list) {
        return (int) list.stream().map(Entry::account).distinct().count();
    }
}

final class LedgerReport {
    private LedgerReport() {
    }

    static <T extends Comparable<T>> String render(Ledger<T> ledger) {
        StringBuilder sb = new StringBuilder("{report}\n");
        for (Ledger.Entry<T> e : ledger.filter(x -> true)) {
            sb.append(e.account()).append(" = ").append(e.amount()).append('\n');
        }
        return sb.toString();
    }

    static <T extends Comparable<T>> boolean hasAccount(Ledger<T> ledger, String account) {
        return !ledger.filter(e -> e.account().equals(account)).isEmpty();
    }
}
