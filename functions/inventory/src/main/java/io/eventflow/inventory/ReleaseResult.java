package io.eventflow.inventory;

import java.util.Map;

/** What {@link InventoryRepository#release} did. */
public sealed interface ReleaseResult {

    /** @param restocked units given back per SKU */
    record Released(Map<String, Long> restocked) implements ReleaseResult {
        public Released {
            restocked = Map.copyOf(restocked);
        }
    }

    /** The order holds no open reservation (never reserved, or released before): nothing changed. */
    record NotHeld() implements ReleaseResult {}
}
