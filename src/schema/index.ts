import { lexicographicSortSchema } from 'graphql';
import { builder } from './builder.js';
import './enums.js';
import './article.js';
import './paragraph.js';
import './entity.js';
import './language.js';
import './translation-status.js';
import './article-mutations.js';
import './entity-review.js';
import './translation-save.js';

/** The whole schema, its types sorted so the printed form is stable. */
export const schema = lexicographicSortSchema(builder.toSchema());
