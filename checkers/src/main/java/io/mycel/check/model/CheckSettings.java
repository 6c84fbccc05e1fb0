package io.mycel.check.model;

import io.mycel.check.format.LoadedHistory;
import io.mycel.check.lin.Budget;
import io.mycel.check.lin.Model;

/**
 * How to check histories: which model (or null to guess per history), its settings, and the budget.
 *
 * @param failedCas null to take the default of each history's form (see {@link Models#forFile})
 */
public record CheckSettings(String model, Object initial, RegisterModel.FailedCas failedCas, Budget budget) {

    public Model<?, ?> modelFor(LoadedHistory loaded) {
        return Models.forFile(loaded, model, initial, failedCas);
    }
}
