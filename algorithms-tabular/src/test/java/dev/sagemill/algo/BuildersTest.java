package dev.sagemill.algo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sagemill.algo.catboost.CatBoostParams;
import dev.sagemill.algo.fm.FactorizationMachinesParams;
import dev.sagemill.algo.kmeans.KMeansParams;
import dev.sagemill.algo.knn.KnnParams;
import dev.sagemill.algo.lightgbm.LightGBMParams;
import dev.sagemill.algo.linear.LinearLearnerParams;
import dev.sagemill.algo.linear.PredictorType;
import dev.sagemill.algo.pca.PCAParams;
import dev.sagemill.algo.rcf.RandomCutForestParams;
import dev.sagemill.algo.xgboost.XGBoostParams;
import dev.sagemill.core.param.Choice;
import dev.sagemill.core.param.ParamDef;
import dev.sagemill.core.param.ParamSpec;
import dev.sagemill.core.param.ParamType;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Every optional hyperparameter of every algorithm has a typed setter on its builder that writes that very name. */
class BuildersTest {
  static Stream<Arguments> builders() {
    return Stream.of(Arguments.of(LinearLearnerParams.SPEC, LinearLearnerParams.Builder.class),
        Arguments.of(XGBoostParams.SPEC, XGBoostParams.Builder.class),
        Arguments.of(LightGBMParams.SPEC, LightGBMParams.Builder.class),
        Arguments.of(CatBoostParams.SPEC, CatBoostParams.Builder.class),
        Arguments.of(KMeansParams.SPEC, KMeansParams.Builder.class),
        Arguments.of(PCAParams.SPEC, PCAParams.Builder.class),
        Arguments.of(KnnParams.SPEC, KnnParams.Builder.class),
        Arguments.of(RandomCutForestParams.SPEC, RandomCutForestParams.Builder.class),
        Arguments.of(FactorizationMachinesParams.SPEC, FactorizationMachinesParams.Builder.class));
  }

  @ParameterizedTest
  @MethodSource("builders")
  void everyOptionalHyperparameterHasATypedSetter(ParamSpec spec, Class<?> builder) {
    List<String> setters = Arrays.stream(builder.getMethods()).filter(m -> m.getReturnType() == builder)
        .map(Method::getName).toList();
    List<String> missing = new ArrayList<>();
    for (ParamDef d : spec.describe()) {
      if (!d.required() && !setters.contains(camel(d.name())) && !aliased(spec.algorithm(), d.name())) {
        missing.add(d.name());
      }
    }
    assertEquals(List.of(), missing, spec.algorithm() + " builder lacks setters");
  }

  @ParameterizedTest
  @MethodSource("builders")
  void everyChoiceHasAnEnumWhoseValuesAreTheSpecs(ParamSpec spec, Class<?> builder) {
    List<String> missing = new ArrayList<>();
    for (ParamDef d : spec.describe()) {
      if (d.type() != ParamType.CHOICE) {
        continue;
      }
      List<String> allowed = new ArrayList<>(d.allowsAuto() ? List.of(ParamDef.AUTO) : List.of());
      allowed.addAll(d.choices());
      Class<?> type = Arrays.stream(builder.getDeclaringClass().getClasses()).filter(c -> c.isEnum()
          && Choice.class.isAssignableFrom(c) && (c.getSimpleName().equals(enumName(d.name()))
          // one enum may serve a family of same-valued choices: bias_init_method, linear_init_method -> InitMethod
          || c.getSimpleName().equals(enumName(d.name().substring(d.name().indexOf('_') + 1))))).findFirst()
          .orElse(d.name().equals("predictor_type") && spec.algorithm().equals("linear-learner") ? PredictorType.class
              : null);
      if (type == null) {
        missing.add(d.name());
        continue;
      }
      List<String> values = Arrays.stream(type.getEnumConstants()).map(c -> ((Choice) c).value()).toList();
      assertEquals(new TreeSet<>(allowed), new TreeSet<>(values), spec.algorithm() + " " + d.name());
      if (!d.required()) {
        String setter = camel(d.name());
        assertTrue(Arrays.stream(builder.getMethods()).anyMatch(m -> m.getReturnType() == builder
            && m.getParameterCount() == 1 && m.getParameterTypes()[0] == type
            && (m.getName().equals(setter) || aliased(spec.algorithm(), d.name()))),
            spec.algorithm() + " builder lacks a setter taking " + type.getSimpleName());
      }
    }
    assertEquals(List.of(), missing, spec.algorithm() + " choice hyperparameters without an enum");
  }

  private static String enumName(String name) {
    if (name.equals("binary_classifier_model_selection_criteria")) {
      return "ModelSelectionCriteria";
    }
    String c = camel(name);
    return Character.toUpperCase(c.charAt(0)) + c.substring(1);
  }

  /** Setters that kept an older, shorter name. */
  private static boolean aliased(String algorithm, String name) {
    return Map.of("linear-learner", List.of("binary_classifier_model_selection_criteria"),
        "catboost", List.of("random_seed"), "xgboost", List.of("eval_metric")).getOrDefault(algorithm, List.of())
        .contains(name);
  }

  private static String camel(String n) {
    String[] p = n.split("_");
    StringBuilder sb = new StringBuilder(p[0]);
    for (int i = 1; i < p.length; i++) {
      sb.append(Character.toUpperCase(p[i].charAt(0))).append(p[i].substring(1));
    }
    return sb.toString();
  }

  @Test
  void typedSettersWriteTheirNames() {
    XGBoostParams x = XGBoostParams.builder(10).subsample(0.5).colsampleBytree(0.7).lambda(2).treeMethod("hist")
        .build();
    assertEquals("0.5", x.values().toSageMaker().get("subsample"));
    assertEquals("0.7", x.values().toSageMaker().get("colsample_bytree"));
    assertEquals("2", x.values().toSageMaker().get("lambda"));
    LightGBMParams l = LightGBMParams.builder().baggingFraction(0.8).featureFraction(0.9).build();
    assertEquals("0.8", l.values().toSageMaker().get("bagging_fraction"));
    KMeansParams k = KMeansParams.builder(3, 5).initMethod("kmeans++").epochs(4).build();
    assertEquals("kmeans++", k.values().toSageMaker().get("init_method"));
    LinearLearnerParams ll = LinearLearnerParams.builder(PredictorType.REGRESSOR).l1(0.01).useLrScheduler(true)
        .build();
    assertTrue(ll.values().getBoolean("use_lr_scheduler"));
    XGBoostParams typed = XGBoostParams.builder(10).objective(XGBoostParams.Objective.BINARY_LOGISTIC)
        .treeMethod(XGBoostParams.TreeMethod.HIST).booster(XGBoostParams.Booster.DART).build();
    assertEquals("binary:logistic", typed.objective());
    assertEquals("dart", typed.values().toSageMaker().get("booster"));
    assertEquals("kmeans++", KMeansParams.builder(3, 5).initMethod(KMeansParams.InitMethod.KMEANS_PLUS_PLUS).build()
        .values().toSageMaker().get("init_method"));
    assertEquals("faiss.IVFPQ", KnnParams.builder(8, 3, KnnParams.PredictorType.CLASSIFIER, 100)
        .indexType(KnnParams.IndexType.FAISS_IVFPQ).set("faiss_index_pq_m", "4").build().values().toSageMaker()
        .get("index_type"));
    assertEquals("Lossguide", CatBoostParams.builder().growPolicy(CatBoostParams.GrowPolicy.LOSSGUIDE).build()
        .values().toSageMaker().get("grow_policy"));
  }
}
