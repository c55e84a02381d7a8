import { readFileSync } from 'node:fs';
import { buildSchema, printType, isObjectType } from 'graphql';
const s = buildSchema(readFileSync('test/fixtures/shopify/admin-2025-07.schema.graphql','utf8'), { assumeValidSDL: true });
const q = s.getQueryType()!.getFields().orders!;
console.log(q.args.map(a=>`${a.name}: ${a.type}`).join(', '), '->', String(q.type));
for (const t of ['OrderConnection','OrderEdge','MoneyBag','OrderSortKeys']) { const ty = s.getType(t)!; if (isObjectType(ty)) console.log(t, Object.values(ty.getFields()).map(f=>`${f.name}(${f.args.map(a=>a.name+':'+a.type).join(',')}): ${f.type}`).join(' | ')); else console.log(printType(ty).slice(0,600)); }
const o = s.getType('Order') as any; for (const f of ['id','name','createdAt','lineItems','currencyCode','cancelledAt','displayFinancialStatus','test','processedAt']) { const x = o.getFields()[f]; console.log('Order.'+f, x && `(${x.args.map((a:any)=>a.name+':'+a.type).join(',')}): ${x.type}`, x?.deprecationReason ?? ''); }
const l = s.getType('LineItem') as any; for (const f of ['id','sku','quantity','originalTotalSet','variant','currentQuantity','originalUnitPriceSet']) { const x = l.getFields()[f]; console.log('LineItem.'+f, x && `${x.type}`, x?.deprecationReason ?? ''); }
console.log('Order interfaces', o.getInterfaces().map((i:any)=>i.name).join(','), 'LineItem', l.getInterfaces().map((i:any)=>i.name).join(','));
const c = s.getType('LineItemConnection') as any; console.log(Object.keys(c.getFields()));
